function Checkout(){ /*BLACKFRIDAY*/
  window.location.href = "https://buy.stripe.com/8wM17cccV20WgxidR9?prefilled_promo_code=BLACKFRIDAY";
}
