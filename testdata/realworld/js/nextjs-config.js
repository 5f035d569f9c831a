stripe: {
  tier1: process.env.NEXT_PUBLIC_STRIPE_TIER1 || "https://buy.stripe.com/test_...",
  tier2: process.env.NEXT_PUBLIC_STRIPE_TIER2 || "https://buy.stripe.com/test_...",
},
