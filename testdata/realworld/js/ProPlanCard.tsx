const STRIPE_PAYMENT_URL = 'https://buy.stripe.com/14A5kE2yKcZbfHs5LD77O00';

export const ProPlanCard: React.FC<IProPlanCardProps> = ({ profile }) => null;
