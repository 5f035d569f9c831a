#!/bin/sh
# Writes fixtures.json (and fixtures-onetime.json, below), the stripe-mock fixtures paylink's tests use, from
# stripe-mock's own bundled fixtures (embedded/openapi/fixtures3.json in the
# module github.com/stripe/stripe-mock@v0.203.0, the version
# tools/go.mod pins). The bundled payment link has a dev-host URL and a hosted
# confirmation; this one is a realistic test-mode link on buy.stripe.com
# that redirects to a thank-you page carrying {CHECKOUT_SESSION_ID}. The
# line item, price and product are kept because listing links with
# expand[]=data.line_items needs them.
#
# Run from this folder: go mod download github.com/stripe/stripe-mock@v0.203.0 && ./derive.sh
set -eu
src="$(go env GOMODCACHE)/github.com/stripe/stripe-mock@v0.203.0/embedded/openapi/fixtures3.json"
jq --indent 1 '.resources | {resources: {
  payment_link: (.payment_link
    | .id = "plink_1QspringTshirt0001"
    | .url = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"
    | .active = true
    | .livemode = false
    | .after_completion = {type: "redirect", redirect: {url: "https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}"}}),
  item: (.item | .description = "Spring T-shirt"),
  price: .price,
  product: (.product | .name = "Spring T-shirt")
}}' "$src" > fixtures.json

# The same account with a one-time price instead of a recurring one, for
# paylink create: a one-time price's metadata goes to payment_intent_data,
# a recurring one's to subscription_data (stripe-mock serves one fixture
# per resource, so each kind of price needs its own file).
jq --indent 1 '.resources.price |= (.type = "one_time" | .recurring = null | .transform_quantity = null)' fixtures.json > fixtures-onetime.json
