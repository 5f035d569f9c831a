#!/bin/sh
# Writes reconcile-fixtures.json, the stripe-mock fixtures of paylink
# reconcile --stripe's tests: fixtures.json (see derive.sh; its payment
# link lets reconcile find plink_ from a link's URL) plus stripe-mock's
# bundled Checkout Session made a paid one of that link: complete, paid,
# 49.00 USD, client_reference_id order-1042.
#
# Run from this folder after derive.sh:
# go mod download github.com/stripe/stripe-mock@v0.203.0 && ./derive-reconcile.sh
set -eu
src="$(go env GOMODCACHE)/github.com/stripe/stripe-mock@v0.203.0/embedded/openapi/fixtures3.json"
jq --indent 1 --slurpfile base fixtures.json '.resources["checkout.session"]
  | .status = "complete"
  | .payment_status = "paid"
  | .amount_subtotal = 4900
  | .amount_total = 4900
  | .currency = "usd"
  | .client_reference_id = "order-1042"
  | .payment_link = "plink_1QspringTshirt0001"
  | .livemode = false
  | . as $cs | $base[0] | .resources["checkout.session"] = $cs' "$src" > reconcile-fixtures.json
