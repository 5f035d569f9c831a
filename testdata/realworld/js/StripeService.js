export const STRIPE_PAYMENT_LINK = "https://buy.stripe.com/test_placeholder";
export const redirectToCheckout = () => {
    if (STRIPE_PAYMENT_LINK.includes("test_placeholder")) return;
    window.location.href = STRIPE_PAYMENT_LINK;
};
