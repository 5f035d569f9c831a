export default function ProUpgrade() {
  // PASTE YOUR LINK HERE!
  const STRIPE_LINK = "https://buy.stripe.com/test_5kQ28k3nt6XA2Wxfpv0gw00" 
  return <a href={STRIPE_LINK} target="_blank" rel="noreferrer">Go Pro - $5/mo</a>
}
