export const CheckoutButton: React.FC<CheckoutButtonProps> = ({
  children,
  stripeUrl = "https://buy.stripe.com/abcXYZ123", // Reemplaza con tu URL real de Stripe Payment Link
}) => null
