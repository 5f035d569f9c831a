export const STRIPE_LINKS = {
  desktop: {
    monthly: 'https://buy.stripe.com/test_14AeVd6zCcjr7ci2dSebu01',
    yearly: 'https://buy.stripe.com/test_14AeVd6zCcjr7ci2dSebu01',
  },
};
