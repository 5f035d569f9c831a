<a
  href="https://donate.stripe.com/9AQ6oQ0Es8Lo08g000"
  target="_blank"
>
