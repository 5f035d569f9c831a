// TODO: Paste your live/test Stripe Payment Link URL below.
// Example: https://buy.stripe.com/test_1234567890abcdef
export const PAYMENT_LINK_URL = "";
