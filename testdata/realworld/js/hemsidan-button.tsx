<a
  href="https://buy.stripe.com/test_8x2dR9aCz9IU2libEBbEA06"
  target="_blank"
  className="stripe-button"
>
  Betala Här
</a>
