# Your actual Stripe payment links (keep these private)
PAYMENT_LINK_1=https://buy.stripe.com/YOUR_LINK_1
PAYMENT_LINK_3=https://buy.stripe.com/YOUR_LINK_3
PAYMENT_LINK_10=https://buy.stripe.com/YOUR_LINK_10
