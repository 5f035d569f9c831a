export default function Donate() {
  const stripeCheckoutUrl = "https://buy.stripe.com/8wM9CP6N78Fh21q5kk";
  return <a href={stripeCheckoutUrl} target="_blank" rel="noopener noreferrer">Donate</a>;
}
