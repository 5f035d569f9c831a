const STRIPE_PAYMENT_LINK = "https://buy.stripe.com/test_3cseXs1qGdf46Jy7st";
const SUCCESS_URL = "https://r2a.netlify.app/";
    const stripeUrl = `${STRIPE_PAYMENT_LINK}?success_url=${encodeURIComponent(SUCCESS_URL)}`;
