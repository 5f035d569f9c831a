const PAYMENT_CHECKOUT_URL = 'https://buy.stripe.com/test_14AeV5cyU1zC9teau25AQ00'; // Reemplaza por tu URL real
