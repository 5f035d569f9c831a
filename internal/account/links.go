package account

import (
	"context"

	"github.com/stripe/stripe-go/v85"
)

// Confirmation behaviours of a payment link (after_completion.type).
const (
	ConfirmationRedirect = "redirect"
	ConfirmationHosted   = "hosted_confirmation"
)

// PaymentLink is what paylink needs to know of a Payment Link object.
type PaymentLink struct {
	ID           string   `json:"id"`
	URL          string   `json:"url"`
	Active       bool     `json:"active"`
	Livemode     bool     `json:"livemode"`
	Confirmation string   `json:"confirmation"` // after_completion.type
	RedirectURL  string   `json:"redirect_url"` // "" unless Confirmation is redirect
	Products     []string `json:"products"`     // the line items' descriptions (product names)
	// MoreProducts is set when the link has more line items than the first
	// page Stripe embeds in the listing.
	MoreProducts bool `json:"more_products,omitempty"`

	// Items are the line items' prices and quantities, and Metadata the
	// link's own metadata: what create compares to reuse a link. Not in
	// the JSON of paylink links, whose columns are documented.
	Items    []Item            `json:"-"`
	Metadata map[string]string `json:"-"`
}

// Item is one line item of a payment link.
type Item struct {
	Price    string // the price's id
	Quantity int64
}

// pageSize is the largest page Stripe serves: the fewest requests.
const pageSize = 100

// ListLinks lists the account's payment links, only the active ones unless
// all is set, following every page (see List).
// progress, if not nil, is called with the count so far after each link.
//
// The line items ride along in the same requests (expand data.line_items):
// each item's description defaults to its product's name, so the names
// cost no request per link. (Expanding the product itself would be
// data.line_items.data.price.product, deeper than the four levels Stripe
// allows.)
func (c *Client) ListLinks(ctx context.Context, all bool, progress func(n int)) ([]PaymentLink, error) {
	params := &stripe.PaymentLinkListParams{}
	params.Limit = stripe.Int64(pageSize)
	params.AddExpand("data.line_items")
	if !all {
		params.Active = stripe.Bool(true)
	}
	var links []PaymentLink
	for pl, err := range List[stripe.PaymentLink](ctx, c, "/v1/payment_links", params, "listing payment links") {
		if err != nil {
			return nil, err
		}
		links = append(links, newPaymentLink(pl))
		if progress != nil {
			progress(len(links))
		}
	}
	return links, nil
}

func newPaymentLink(pl *stripe.PaymentLink) PaymentLink {
	l := PaymentLink{ID: pl.ID, URL: pl.URL, Active: pl.Active, Livemode: pl.Livemode, Products: []string{}, Metadata: pl.Metadata}
	if ac := pl.AfterCompletion; ac != nil {
		l.Confirmation = string(ac.Type)
		if ac.Redirect != nil {
			l.RedirectURL = ac.Redirect.URL
		}
	}
	if li := pl.LineItems; li != nil {
		for _, item := range li.Data {
			if item == nil {
				continue
			}
			if item.Description != "" {
				l.Products = append(l.Products, item.Description)
			}
			if item.Price != nil {
				l.Items = append(l.Items, Item{Price: item.Price.ID, Quantity: item.Quantity})
			}
		}
		l.MoreProducts = li.HasMore
	}
	return l
}
