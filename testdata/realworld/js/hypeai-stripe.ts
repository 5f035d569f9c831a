// Pro Plan: $19/month or $190/year
export const STRIPE_PRO_MONTHLY_URL = 'https://buy.stripe.com/eVq8wRdfq7z8h2z2VogIo00';
export const STRIPE_PRO_YEARLY_URL = 'https://buy.stripe.com/3cI6oJ0sE2eO5jRanQgIo01';
// An earlier version held placeholders:
export const STRIPE_BUSINESS_MONTHLY_URL = 'https://buy.stripe.com/your-business-monthly-link';
