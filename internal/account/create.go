package account

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/url"
	"strconv"
	"strings"

	"github.com/stripe/stripe-go/v85"
	"github.com/stripe/stripe-go/v85/form"
)

// Price is what paylink needs to know of a Price object.
type Price struct {
	ID        string
	Active    bool
	Recurring bool // type recurring: the link makes Subscriptions
}

// Price looks up a price, whose type decides where the link's metadata is
// copied: payment_intent_data for a one-time price, subscription_data for a
// recurring one (Stripe refuses the other).
func (c *Client) Price(ctx context.Context, id string) (Price, error) {
	p, err := c.stripe.V1Prices.Retrieve(ctx, id, nil)
	if err != nil {
		return Price{}, c.explainNeed(err, "looking up price "+strconv.Quote(id), "read access to Prices")
	}
	return Price{ID: p.ID, Active: p.Active, Recurring: p.Type == stripe.PriceTypeRecurring}, nil
}

// NewLink is a payment link to create: one price, a redirect after payment,
// and metadata copied to every payment it takes.
type NewLink struct {
	Price    string
	Quantity int64
	Redirect string
	Metadata map[string]string
	// Recurring is the price's type (Price.Recurring): the metadata goes to
	// subscription_data when set, else to payment_intent_data; never both.
	Recurring bool
}

// Request is one write to Stripe as it is sent: for --dry-run to show, and
// for tests to compare with what a server received.
type Request struct {
	Method         string      `json:"method"`
	Path           string      `json:"path"`
	Form           [][2]string `json:"-"` // name and value, in the order sent
	IdempotencyKey string      `json:"idempotency_key,omitempty"`
}

// createParams are the parameters of POST /v1/payment_links for nl.
func createParams(nl NewLink) *stripe.PaymentLinkCreateParams {
	p := &stripe.PaymentLinkCreateParams{
		LineItems: []*stripe.PaymentLinkCreateLineItemParams{{
			Price: stripe.String(nl.Price), Quantity: stripe.Int64(nl.Quantity),
		}},
		AfterCompletion: &stripe.PaymentLinkCreateAfterCompletionParams{
			Type:     stripe.String(ConfirmationRedirect),
			Redirect: &stripe.PaymentLinkCreateAfterCompletionRedirectParams{URL: stripe.String(nl.Redirect)},
		},
	}
	if len(nl.Metadata) > 0 {
		p.Metadata = maps.Clone(nl.Metadata)
		if nl.Recurring {
			p.SubscriptionData = &stripe.PaymentLinkCreateSubscriptionDataParams{Metadata: maps.Clone(nl.Metadata)}
		} else {
			p.PaymentIntentData = &stripe.PaymentLinkCreatePaymentIntentDataParams{Metadata: maps.Clone(nl.Metadata)}
		}
	}
	p.SetIdempotencyKey(CreateKey(nl))
	return p
}

// CreateRequest is the request CreateLink sends for nl.
func CreateRequest(nl NewLink) Request {
	p := createParams(nl)
	return Request{Method: "POST", Path: "/v1/payment_links", Form: formOf(p), IdempotencyKey: *p.IdempotencyKey}
}

// formOf encodes params as stripe-go sends them.
func formOf(params any) [][2]string {
	var v form.Values
	form.AppendTo(&v, params)
	var out [][2]string
	// ToValues loses the order; Encode keeps it, so read the pairs back
	// from it.
	for pair := range strings.SplitSeq(v.Encode(), "&") {
		if pair == "" {
			continue
		}
		k, val, _ := strings.Cut(pair, "=")
		out = append(out, [2]string{unescape(k), unescape(val)})
	}
	return out
}

// unescape decodes what form.Values.Encode escaped.
func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// CreateLink creates the payment link nl, with the Idempotency-Key
// CreateKey derives from it: a retry, or a re-run within Stripe's 24 hours,
// returns the link the first request made instead of making another.
func (c *Client) CreateLink(ctx context.Context, nl NewLink) (PaymentLink, error) {
	pl, err := c.stripe.V1PaymentLinks.Create(ctx, createParams(nl))
	if err != nil {
		return PaymentLink{}, c.explainNeed(err, "creating a payment link for price "+strconv.Quote(nl.Price), "write access to Payment Links")
	}
	return newPaymentLink(pl), nil
}

// CreateKey is the Idempotency-Key of creating nl: a hash of everything the
// request sets, so the same link asked for twice is one key, and a
// different one (another redirect, another campaign) never reuses a key,
// which Stripe would refuse.
func CreateKey(nl NewLink) string {
	// JSON spells each part unambiguously (a '=' or NUL inside a value
	// cannot pass for a separator) and writes map keys sorted.
	b, _ := json.Marshal(struct {
		Price     string            `json:"price"`
		Quantity  int64             `json:"quantity"`
		Redirect  string            `json:"redirect"`
		Recurring bool              `json:"recurring"`
		Metadata  map[string]string `json:"metadata"`
	}{nl.Price, nl.Quantity, nl.Redirect, nl.Recurring, nl.Metadata})
	return hashKey("create\x00" + string(b))
}

// hashKey makes an Idempotency-Key from what a request does: "paylink-"
// and 32 hex digits, far under Stripe's 255 characters.
func hashKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "paylink-" + hex.EncodeToString(sum[:16])
}

// Reusable returns the active link among links that is what nl would
// create: one line item of nl's price and quantity, a redirect to nl's URL,
// and exactly nl's metadata. Re-running a create then makes nothing new,
// days after Stripe has forgotten the idempotency key.
func Reusable(links []PaymentLink, nl NewLink) (PaymentLink, bool) {
	for _, l := range links {
		if l.Active && l.Confirmation == ConfirmationRedirect && l.RedirectURL == nl.Redirect &&
			!l.MoreProducts && len(l.Items) == 1 && l.Items[0] == (Item{Price: nl.Price, Quantity: nl.Quantity}) &&
			maps.Equal(l.Metadata, nl.Metadata) {
			return l, true
		}
	}
	return PaymentLink{}, false
}

// Link retrieves one payment link by id.
func (c *Client) Link(ctx context.Context, id string) (PaymentLink, error) {
	pl, err := c.stripe.V1PaymentLinks.Retrieve(ctx, id, nil)
	if err != nil {
		return PaymentLink{}, c.explainNeed(err, "looking up payment link "+strconv.Quote(id), "read access to Payment Links")
	}
	return newPaymentLink(pl), nil
}

// updateParams set a link's confirmation to a redirect to url.
func updateParams(pl PaymentLink, redirect string) *stripe.PaymentLinkUpdateParams {
	p := &stripe.PaymentLinkUpdateParams{
		AfterCompletion: &stripe.PaymentLinkUpdateAfterCompletionParams{
			Type:     stripe.String(ConfirmationRedirect),
			Redirect: &stripe.PaymentLinkUpdateAfterCompletionRedirectParams{URL: stripe.String(redirect)},
		},
	}
	p.SetIdempotencyKey(UpdateKey(pl, redirect))
	return p
}

// UpdateKey is the Idempotency-Key of pointing pl's redirect at url. It
// holds the confirmation the link has now: setting a redirect back to what
// it was an hour ago is a new change, not a replay of the first one.
func UpdateKey(pl PaymentLink, redirect string) string {
	b, _ := json.Marshal([]string{pl.ID, pl.Confirmation, pl.RedirectURL, redirect})
	return hashKey("update\x00" + string(b))
}

// UpdateRequest is the request SetRedirect sends.
func UpdateRequest(pl PaymentLink, redirect string) Request {
	p := updateParams(pl, redirect)
	return Request{Method: "POST", Path: "/v1/payment_links/" + pl.ID, Form: formOf(p), IdempotencyKey: *p.IdempotencyKey}
}

// SetRedirect sets pl's confirmation to a redirect to url, so the UTM codes
// of its tracked links reach url.
func (c *Client) SetRedirect(ctx context.Context, pl PaymentLink, redirect string) (PaymentLink, error) {
	got, err := c.stripe.V1PaymentLinks.Update(ctx, pl.ID, updateParams(pl, redirect))
	if err != nil {
		return PaymentLink{}, c.explainNeed(err, "updating payment link "+strconv.Quote(pl.ID), "write access to Payment Links")
	}
	return newPaymentLink(got), nil
}
