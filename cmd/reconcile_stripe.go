package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/reconcile"
)

// stripeQuery says what reconcile --stripe lists: sessions created from
// since to until, and the refunds and invoices created since since.
type stripeQuery struct {
	since, until time.Time
}

// stripeSessions counts what the account holds: its complete sessions
// (only those of the links' Payment Links when the account has them all),
// then in one paged listing each the refunds and the paid invoices created
// since --since, whenever made, as a refund or a renewal of the period's
// sessions may come months after them. Every request carries the
// command's context: an interrupt stops the listing.
func stripeSessions(opts *ReconcileOptions, ix *reconcile.Index, tally *reconcile.Tally) error {
	client, err := opts.Account.client()
	if err != nil {
		return err
	}
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	links := []string{""}
	if bases := ix.Bases(); len(bases) > 0 {
		links = paymentLinks(ctx, opts, client, bases)
	}
	count := progressCounter(opts, "listing Checkout Sessions")
	defer count.done()
	for _, pl := range links {
		q := account.SessionQuery{Since: opts.query.since, Until: opts.query.until, PaymentLink: pl}
		err := client.ListSessions(ctx, q, func(cs account.Session) error {
			s, err := reconcile.CheckSession(reconcile.Session{ID: cs.ID, Status: cs.Status, PaymentStatus: cs.PaymentStatus,
				AmountTotal: cs.AmountTotal, Currency: cs.Currency, Reference: cs.ClientReferenceID,
				PaymentIntent: cs.PaymentIntent, Subscription: cs.Subscription})
			if err != nil {
				return &reconcile.InputError{Where: "Stripe", Msg: err.Error()}
			}
			s.UTM, s.HasUTM = reconcile.UTMOf(cs.Metadata)
			count.add()
			return tally.Session(s, reconcile.Where{File: "Stripe, Checkout Session " + cs.ID})
		})
		if err != nil {
			return err
		}
	}
	err = client.ListRefunds(ctx, opts.query.since, func(rf account.Refund) error {
		r := &reconcile.Refund{ID: rf.ID, Amount: rf.Amount, Currency: rf.Currency, Status: rf.Status, PaymentIntent: rf.PaymentIntent}
		if err := reconcile.CheckRefund(r); err != nil {
			return &reconcile.InputError{Where: "Stripe", Msg: err.Error()}
		}
		return tally.Refund(r, reconcile.Where{File: "Stripe, Refund " + rf.ID})
	})
	if err != nil {
		return err
	}
	return client.ListPaidInvoices(ctx, opts.query.since, func(in account.Invoice) error {
		inv := &reconcile.Invoice{ID: in.ID, Status: in.Status, BillingReason: in.BillingReason, AmountPaid: in.AmountPaid,
			Currency: in.Currency, Subscription: in.Subscription}
		if err := reconcile.CheckInvoice(inv); err != nil {
			return &reconcile.InputError{Where: "Stripe", Msg: err.Error()}
		}
		return tally.Invoice(inv, reconcile.Where{File: "Stripe, Invoice " + in.ID})
	})
}

// paymentLinks are the Payment Links whose sessions to list: the links'
// own when the account has them all, else [""] for every session.
func paymentLinks(ctx context.Context, opts *ReconcileOptions, client *account.Client, bases []string) []string {
	links, err := client.ListLinks(ctx, true, nil)
	if err != nil {
		cmdutil.PrintMessage(opts.IO.Notes(), "note", fmt.Sprintf("listing every Checkout Session of the account: its payment links could not be listed (%v)", err))
		return []string{""}
	}
	byURL := map[string]string{}
	for _, l := range links {
		byURL[l.URL] = l.ID
	}
	ids, missing := reconcile.PaymentLinkIDs(byURL, bases)
	if len(missing) > 0 {
		cmdutil.PrintMessage(opts.IO.Notes(), "note", fmt.Sprintf("listing every Checkout Session of the account: %s is not one of its payment links", missing[0]))
		return []string{""}
	}
	return ids
}

// counter shows a running count on stderr when it is a terminal.
type counter struct {
	add  func()
	done func()
}

func progressCounter(opts *ReconcileOptions, what string) counter {
	if !opts.IO.IsStderrTTY() {
		return counter{add: func() {}, done: func() {}}
	}
	p := iostreams.StartProgress(opts.IO.ErrOut, opts.IO.StderrWidth, 0, time.Now)
	p.Say(what)
	count, n := p.Count(what), 0
	return counter{
		add:  func() { n++; count(n) },
		done: p.Clear, // the count goes before the report comes
	}
}
