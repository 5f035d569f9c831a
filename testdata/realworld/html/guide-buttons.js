(function() {
  var LIVE = 'https://buy.stripe.com/aFadR8gDw2jm4UM6atb7y00';
  var TEST = 'https://buy.stripe.com/test_dRmaEW40F26aaz0g9EeME01';
  document.querySelectorAll('a[href*="buy.stripe.com"]').forEach(function(a) { a.href = url; });
})();
