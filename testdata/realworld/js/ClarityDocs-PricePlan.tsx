paymentLink: "https://buy.stripe.com/test_dRm6oJcGs4itdSgfxE9sk00" ,
priceId:  "price_1RXlrvSAXpJOyYa2AM1Se0CZ" ,
