<div class="container mt-5">
    <!-- Stripe Payment Button -->
    <form action="https://buy.stripe.com/test_4gw0209kPf7iexG3cc" method="GET">
        <button type="submit" class="btn btn-primary btn-lg">Proceed to Payment</button>
    </form>
</div>
