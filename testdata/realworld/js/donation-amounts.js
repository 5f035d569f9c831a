if (isReccurent) {
  window.open("https://buy.stripe.com/9AQ29LbOr8LI3qEfZ8", "_blank");
} else {
  window.open("https://donate.stripe.com/8wM3dP9Gj0fc8KY004", "_blank");
}
