package account

import (
	"context"
	"time"

	"github.com/stripe/stripe-go/v85"
)

// Session is what paylink reads of a Checkout Session: plain values, so
// that the packages counting them need nothing of stripe-go.
type Session struct {
	ID                string
	Status            string // open, complete or expired
	PaymentStatus     string // paid, unpaid or no_payment_required
	AmountTotal       int64  // in the currency's minor unit
	Currency          string
	ClientReferenceID string
	Mode              string // payment, subscription or setup
	PaymentIntent     string // "" when the session has none (subscription and setup modes)
	Subscription      string // "" unless the session started one
	Metadata          map[string]string
}

// SessionQuery says which Checkout Sessions to list.
type SessionQuery struct {
	Since, Until time.Time // created at or after Since, at or before Until; zero for no bound
	PaymentLink  string    // plink_...: only that link's sessions; "" for all
}

// Refund is what paylink reads of a Refund.
type Refund struct {
	ID            string
	Amount        int64
	Currency      string
	Status        string // pending, requires_action, succeeded, failed or canceled
	PaymentIntent string // "" when the refunded payment has none (an invoice's, since 2025-03-31)
}

// Invoice is what paylink reads of a paid Invoice.
type Invoice struct {
	ID            string
	Status        string
	BillingReason string // subscription_create, subscription_cycle, ...
	AmountPaid    int64
	Currency      string
	Subscription  string // parent.subscription_details.subscription
}

// createdRange is the created[gte]/created[lte] filter of a listing, nil
// when neither bound is set.
func createdRange(since, until time.Time) *stripe.RangeQueryParams {
	if since.IsZero() && until.IsZero() {
		return nil
	}
	r := &stripe.RangeQueryParams{}
	if !since.IsZero() {
		r.GreaterThanOrEqual = since.Unix()
	}
	if !until.IsZero() {
		r.LesserThanOrEqual = until.Unix()
	}
	return r
}

// ListSessions calls fn with each complete Checkout Session q names, in
// pages of 100 (List, with its guards), as they arrive: a month of sessions need not fit in memory.
// An error of fn stops the listing and is returned as it is.
func (c *Client) ListSessions(ctx context.Context, q SessionQuery, fn func(Session) error) error {
	params := &stripe.CheckoutSessionListParams{Status: stripe.String("complete")}
	params.Limit = stripe.Int64(pageSize)
	if q.PaymentLink != "" {
		params.PaymentLink = stripe.String(q.PaymentLink)
	}
	params.CreatedRange = createdRange(q.Since, q.Until)
	for cs, err := range List[stripe.CheckoutSession](ctx, c, "/v1/checkout/sessions", params, "listing checkout sessions") {
		if err != nil {
			return err
		}
		s := Session{
			ID: cs.ID, Status: string(cs.Status), PaymentStatus: string(cs.PaymentStatus),
			AmountTotal: cs.AmountTotal, Currency: string(cs.Currency), ClientReferenceID: cs.ClientReferenceID,
			Mode: string(cs.Mode), Metadata: cs.Metadata,
		}
		if cs.PaymentIntent != nil {
			s.PaymentIntent = cs.PaymentIntent.ID
		}
		if cs.Subscription != nil {
			s.Subscription = cs.Subscription.ID
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

// ListRefunds calls fn with each refund created at or after since (all
// when zero): one paged listing for the whole account, never a request per
// payment.
func (c *Client) ListRefunds(ctx context.Context, since time.Time, fn func(Refund) error) error {
	params := &stripe.RefundListParams{CreatedRange: createdRange(since, time.Time{})}
	params.Limit = stripe.Int64(pageSize)
	for r, err := range List[stripe.Refund](ctx, c, "/v1/refunds", params, "listing refunds") {
		if err != nil {
			return err
		}
		out := Refund{ID: r.ID, Amount: r.Amount, Currency: string(r.Currency), Status: string(r.Status)}
		if r.PaymentIntent != nil {
			out.PaymentIntent = r.PaymentIntent.ID
		}
		if err := fn(out); err != nil {
			return err
		}
	}
	return nil
}

// ListPaidInvoices calls fn with each paid invoice created at or after
// since (all when zero), in one paged listing.
func (c *Client) ListPaidInvoices(ctx context.Context, since time.Time, fn func(Invoice) error) error {
	params := &stripe.InvoiceListParams{Status: stripe.String("paid"), CreatedRange: createdRange(since, time.Time{})}
	params.Limit = stripe.Int64(pageSize)
	for in, err := range List[stripe.Invoice](ctx, c, "/v1/invoices", params, "listing invoices") {
		if err != nil {
			return err
		}
		out := Invoice{ID: in.ID, Status: string(in.Status), BillingReason: string(in.BillingReason), AmountPaid: in.AmountPaid, Currency: string(in.Currency)}
		if p := in.Parent; p != nil && p.SubscriptionDetails != nil && p.SubscriptionDetails.Subscription != nil {
			out.Subscription = p.SubscriptionDetails.Subscription.ID
		}
		if err := fn(out); err != nil {
			return err
		}
	}
	return nil
}
