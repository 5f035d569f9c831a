package account

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/stripe/stripe-go/v85"
	"github.com/stripe/stripe-go/v85/form"
)

// rawPage is one page of a Stripe list, its items left undecoded so that
// each is checked before it is decoded.
type rawPage struct {
	stripe.APIResource
	HasMore bool              `json:"has_more"`
	Data    []json.RawMessage `json:"data"`
}

// ContractError is an answer to a list request that breaks the contract of
// Stripe's lists: Stripe never sends one, but a proxy, a mock or a server
// PAYLINK_STRIPE_API_BASE names may. It carries exit code 2.
func contractError(what, format string, args ...any) *Error {
	return Errorf("%s: Stripe's answer breaks its list contract: %s; check %s and any proxy, or try again", what, fmt.Sprintf(format, args...), EnvAPIBase)
}

// List yields each item of the Stripe list at path (e.g. /v1/payment_links)
// that params select, page after page, as stripe-go's auto-paging does,
// and checks what stripe-go trusts: an item that is null or has no id is
// an error (stripe-go's iterator panics on a null one), and so is a page
// that says more follow (has_more) but holds no item, or ends at an item
// an earlier page ended at — either would be asked for again and again,
// forever. Errors are *Error, explained; what names the listing ("listing
// payment links"). Use it for every listing: for cs, err := range
// List[stripe.CheckoutSession](ctx, c, "/v1/checkout/sessions", params, what).
func List[T any](ctx context.Context, c *Client, path string, params stripe.ListParamsContainer, what string) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		values := &form.Values{}
		form.AppendTo(values, params)
		endedPage := map[string]int{} // the id each page ended at → that page's number
		for n := 1; ; n++ {
			var page rawPage
			err := c.api.CallRaw(http.MethodGet, path, c.key.secret, []byte(values.Encode()), &stripe.Params{Context: ctx}, &page)
			if err != nil {
				yield(nil, c.Explain(err, what))
				return
			}
			last := ""
			for i, raw := range page.Data {
				item, id, err := decodeItem[T](raw)
				if err != nil {
					yield(nil, contractError(what, "item %d of page %d %s", i+1, n, err))
					return
				}
				if !yield(item, nil) {
					return
				}
				last = id
			}
			if !page.HasMore {
				return
			}
			if last == "" {
				yield(nil, contractError(what, "page %d is empty but says more follow (has_more)", n))
				return
			}
			if before, seen := endedPage[last]; seen {
				yield(nil, contractError(what, "page %d ends at %s again, where page %d ended: listing would never end", n, last, before))
				return
			}
			endedPage[last] = n
			values.Set(stripe.StartingAfter, last)
		}
	}
}

// decodeItem decodes one item of a list page, and returns its id.
func decodeItem[T any](raw json.RawMessage) (*T, string, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, "", fmt.Errorf("is null")
	}
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, "", fmt.Errorf("is not an object (%v)", err)
	}
	if head.ID == "" {
		return nil, "", fmt.Errorf("has no id")
	}
	item := new(T)
	if err := json.Unmarshal(raw, item); err != nil {
		return nil, "", fmt.Errorf("%s does not decode (%v)", head.ID, err)
	}
	return item, head.ID, nil
}
