export default function PaymentLinkPage() {
  const paymentLink = 'test_3cs9BH3921B87pScMM';
  const trackingInfo = '?utm_source=next-client&utm_medium=payment_button';
  const productPurchaseLink = `https://buy.stripe.com/${paymentLink}${trackingInfo}`;
  return <Button href={productPurchaseLink}>Redirect to stripe payment</Button>;
}
