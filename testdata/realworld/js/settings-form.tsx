placeholder="https://buy.stripe.com/test_..."
dir="ltr"
