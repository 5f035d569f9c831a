  findAndProcessNewCharge(startTime, capturedIp, geoInfo);

  res.redirect('https://buy.stripe.com/test_aEU4go4XjaBN90Y6oo');
});
