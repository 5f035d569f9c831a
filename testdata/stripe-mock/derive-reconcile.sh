#!/bin/sh
# Writes reconcile-fixtures.json, the stripe-mock fixtures of paylink
# reconcile --stripe's tests: fixtures.json (see derive.sh; its payment
# link lets reconcile find plink_ from a link's URL) plus, from
# stripe-mock's bundled fixtures:
#   - the Checkout Session made a paid one of that link: complete, paid,
#     49.00 USD, client_reference_id order-1042, payment intent
#     pi_1QspringOrder1042;
#   - the Refund made a partial refund of that payment: 9.00 USD, succeeded;
#   - the Invoice made a paid renewal (subscription_cycle, 49.00 USD) of
#     sub_1QotherSubscription, a subscription no listed session started.
#
# Run from this folder after derive.sh:
# go mod download github.com/stripe/stripe-mock@v0.203.0 && ./derive-reconcile.sh
set -eu
src="$(go env GOMODCACHE)/github.com/stripe/stripe-mock@v0.203.0/embedded/openapi/fixtures3.json"
jq --indent 1 --slurpfile base fixtures.json '.resources as $r
  | ($r["checkout.session"]
    | .status = "complete"
    | .payment_status = "paid"
    | .amount_subtotal = 4900
    | .amount_total = 4900
    | .currency = "usd"
    | .client_reference_id = "order-1042"
    | .payment_link = "plink_1QspringTshirt0001"
    | .payment_intent = "pi_1QspringOrder1042"
    | .livemode = false) as $cs
  | ($r.refund
    | .amount = 900
    | .currency = "usd"
    | .payment_intent = "pi_1QspringOrder1042"
    | .status = "succeeded") as $refund
  | ($r.invoice
    | .status = "paid"
    | .billing_reason = "subscription_cycle"
    | .amount_paid = 4900
    | .currency = "usd"
    | .parent = {type: "subscription_details", quote_details: null,
        subscription_details: {metadata: null, subscription: "sub_1QotherSubscription"}}) as $invoice
  | $base[0]
  | .resources["checkout.session"] = $cs
  | .resources.refund = $refund
  | .resources.invoice = $invoice
  | .resources.line_item = $r.line_item' "$src" > reconcile-fixtures.json
