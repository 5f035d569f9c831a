const PAYMENT_LINKS = {
  analyst: {
    annual: 'https://buy.stripe.com/test/14k7vY3jq9II0aY001',  // Replace with real link
    monthly: 'https://buy.stripe.com/test/8wM28Q3jq9II5wQ015',  // Replace with real link
  },
};
