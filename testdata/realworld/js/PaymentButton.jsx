const PaymentButton = () => (
  <a
    href="https://buy.stripe.com/test_XXXXXXXXXX"
    target="_blank"
  >
