"""Hybrid web checkout: pay.link returns an HTTPS checkout URL.
  - template: shop.pay_link_template, e.g.
      "https://buy.stripe.com/XXXX?client_reference_id={order_id}"
"""
