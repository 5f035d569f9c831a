// Set this to your Stripe Payment Link URL (e.g., https://buy.stripe.com/xxx)
window.CONFIG = {
  stripePaymentLink: "", // TODO: replace with your live Payment Link
};
