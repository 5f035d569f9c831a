after_expiration: {
  recovery: {
    enabled: true,
    url: 'https://buy.stripe.com/r/live_abc123',
  },
},
