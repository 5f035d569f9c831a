export default [
    {
        link : 'https://buy.stripe.com/test_bIYbKDa1B6CpgRqcMM',
        price:7.99,
    },
]
