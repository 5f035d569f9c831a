export const STRIPE_PAYMENT_LINKS = {
  basic: {
    monthly: 'https://buy.stripe.com/aFacN55yn5Ryapk0BG2oE00',
    annual: 'https://buy.stripe.com/14AcN5e4T1Bi40Wdos2oE01',
  },
  enterprise: {
    monthly: 'https://buy.stripe.com/4gM7sL0e35Ry8hcgAE2oE06',
    annual: 'https://buy.stripe.com/00w6oH7Gv1Bicxs98c2oE07',
  },
}
