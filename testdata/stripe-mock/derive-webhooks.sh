#!/bin/sh
# Writes ../reconcile/webhook-1.jsonl and webhook-2.jsonl: webhook logs of
# the events reconcile reads, each event and object stripe-mock's own
# (embedded/openapi/fixtures3.json of github.com/stripe/stripe-mock@v0.203.0)
# with the fields of the story changed. webhook-2 is the same endpoint's
# later log: Stripe's retries of events already in webhook-1, and the
# other shapes of the same facts (a refund as refund.updated where
# webhook-1 had charge.refunded, an invoice with the pre-2025-03-31
# top-level subscription).
#
# Run from this folder: go mod download github.com/stripe/stripe-mock@v0.203.0 && ./derive-webhooks.sh
set -eu
src="$(go env GOMODCACHE)/github.com/stripe/stripe-mock@v0.203.0/embedded/openapi/fixtures3.json"
derive() {
	jq -c --arg part "$1" '.resources as $r
  | def ev($id; $type; $obj): $r.event | .id = $id | .type = $type | .api_version = "2025-03-31.basil" | .data = {object: $obj};
    def cs($id; $ref; $status; $amount; $cur; $pi): $r["checkout.session"]
      | .id = $id | .client_reference_id = $ref | .status = "complete" | .payment_status = $status
      | .amount_total = $amount | .amount_subtotal = $amount | .currency = $cur | .payment_intent = $pi | .mode = "payment" | .metadata = {};
    def charge($id; $pi; $refunded): $r.charge
      | .id = $id | .payment_intent = $pi | .amount = 5000 | .amount_captured = 5000 | .amount_refunded = $refunded
      | .refunded = ($refunded == .amount) | .currency = "usd";
    def refund($id; $pi; $amount; $status): $r.refund
      | .id = $id | .payment_intent = $pi | .amount = $amount | .currency = "usd" | .status = $status;
    def invoice($id; $reason; $parent_sub; $top_sub): $r.invoice
      | .id = $id | .status = "paid" | .billing_reason = $reason | .amount_paid = 1500 | .amount_due = 1500 | .currency = "usd"
      | (if $parent_sub then .parent = {type: "subscription_details", quote_details: null,
           subscription_details: {metadata: null, subscription: $parent_sub}} else .parent = null | .subscription = $top_sub end);
    def sepa_paid: ev("evt_sepa_ok"; "checkout.session.async_payment_succeeded"; cs("cs_sepa"; "order-sepa"; "paid"; 4200; "eur"; "pi_sepa"));
    def card1: ev("evt_card1"; "checkout.session.completed"; cs("cs_card1"; "order-card1"; "paid"; 5000; "usd"; "pi_card1"));
    def in2: ev("evt_in2"; "invoice.paid"; invoice("in_2"; "subscription_cycle"; "sub_1"; null));
  if $part == "1" then
    ev("evt_sepa"; "checkout.session.completed"; cs("cs_sepa"; "order-sepa"; "unpaid"; 4200; "eur"; "pi_sepa")),
    sepa_paid,
    ev("evt_boleto"; "checkout.session.completed"; cs("cs_boleto"; "order-boleto"; "unpaid"; 10000; "brl"; "pi_boleto")),
    ev("evt_boleto_fail"; "checkout.session.async_payment_failed"; cs("cs_boleto"; "order-boleto"; "unpaid"; 10000; "brl"; "pi_boleto")),
    ev("evt_ach"; "checkout.session.completed"; cs("cs_ach"; "order-ach"; "unpaid"; 2500; "usd"; "pi_ach")),
    card1,
    ev("evt_ch_card1"; "charge.refunded"; charge("ch_card1"; "pi_card1"; 2000)),
    ev("evt_card2"; "checkout.session.completed"; cs("cs_card2"; "order-card2"; "paid"; 3000; "usd"; "pi_card2")),
    ev("evt_re_card2"; "refund.updated"; refund("re_card2"; "pi_card2"; 3000; "succeeded")),
    ev("evt_sub"; "checkout.session.completed"; cs("cs_sub"; "order-sub"; "paid"; 1500; "usd"; null)
      | .mode = "subscription" | .subscription = "sub_1"),
    ev("evt_in1"; "invoice.paid"; invoice("in_1"; "subscription_create"; "sub_1"; null)),
    in2,
    ev("evt_in3"; "invoice.payment_failed"; invoice("in_3"; "subscription_cycle"; "sub_1"; null) | .status = "open" | .amount_paid = 0),
    ev("evt_meta"; "checkout.session.completed"; cs("cs_meta"; null; "paid"; 1000; "usd"; "pi_meta")
      | .metadata = {utm_source: "partner", utm_campaign: "autumn"})
  else
    sepa_paid,
    card1,
    ev("evt_re_card1"; "refund.updated"; refund("re_card1"; "pi_card1"; 2000; "succeeded")),
    ev("evt_ch_card2"; "charge.refunded"; charge("ch_card2"; "pi_card2"; 3000) | .amount = 3000 | .amount_captured = 3000 | .refunded = true),
    ev("evt_in4"; "invoice.paid"; invoice("in_4"; "subscription_cycle"; null; "sub_1")),
    in2,
    ev("evt_ch_other"; "charge.refunded"; charge("ch_other"; "pi_other"; 700))
  end' "$src"
}
derive 1 > ../reconcile/webhook-1.jsonl
derive 2 > ../reconcile/webhook-2.jsonl
