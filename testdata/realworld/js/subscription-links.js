const STRIPE_PAYMENT_LINKS = {
  starter: 'https://buy.stripe.com/bJedR8aDXf5D4VvdsdGg6EU00',
  pro: 'https://buy.stripe.com/bJe5kCcM5aPn3Rr1Xy6EU01',
  unlimited: 'https://buy.stripe.com/fZu7sK27r7DbgEd6dO6EU02'
};
