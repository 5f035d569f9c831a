    "payLink" : {"SM" : "https://buy.stripe.com/bIY03P2kH8VX7jG3cd"}
},
{
    "payLink" : "https://buy.stripe.com/aEU3g1f7t7RTbzW4gi"
},
