after_expiration: { recovery: { url: "https://buy.stripe.com/r/x" } },
