const handleDonate = () => {
  window.open('https://donate.stripe.com/4gM6oI5ZLfCV7Qu8hHb7y00', '_blank');
};
