package account

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v85"

	"github.com/paylink/paylink/internal/testutil"
)

// fixturesOneTime is fixtures with a one-time price: see derive.sh.
var fixturesOneTime = filepath.Join("..", "..", "testdata", "stripe-mock", "fixtures-onetime.json")

var campaign = map[string]string{"utm_source": "newsletter", "utm_campaign": "spring"}

func TestCreateRequestForm(t *testing.T) {
	nl := NewLink{Price: "price_1", Quantity: 2, Redirect: "https://example.com/thanks?s={CHECKOUT_SESSION_ID}", Metadata: campaign}
	// Worked out from Stripe's API reference: one line item, a redirect,
	// the metadata on the link and, for a one-time price, on
	// payment_intent_data; map keys sorted, as stripe-go sends them.
	oneTime := [][2]string{
		{"after_completion[redirect][url]", "https://example.com/thanks?s={CHECKOUT_SESSION_ID}"},
		{"after_completion[type]", "redirect"},
		{"line_items[0][price]", "price_1"},
		{"line_items[0][quantity]", "2"},
		{"metadata[utm_campaign]", "spring"},
		{"metadata[utm_source]", "newsletter"},
		{"payment_intent_data[metadata][utm_campaign]", "spring"},
		{"payment_intent_data[metadata][utm_source]", "newsletter"},
	}
	got := CreateRequest(nl)
	if got.Method != "POST" || got.Path != "/v1/payment_links" {
		t.Errorf("request %s %s, want POST /v1/payment_links", got.Method, got.Path)
	}
	if !slices.Equal(sorted(got.Form), oneTime) {
		t.Errorf("one-time form\n%v\nwant\n%v", sorted(got.Form), oneTime)
	}
	nl.Recurring = true
	recurring := slices.Clone(oneTime)
	recurring[6] = [2]string{"subscription_data[metadata][utm_campaign]", "spring"}
	recurring[7] = [2]string{"subscription_data[metadata][utm_source]", "newsletter"}
	if got := sorted(CreateRequest(nl).Form); !slices.Equal(got, recurring) {
		t.Errorf("recurring form\n%v\nwant\n%v", got, recurring)
	}
	nl.Metadata = nil
	for _, p := range CreateRequest(nl).Form {
		if strings.Contains(p[0], "metadata") {
			t.Errorf("no metadata asked for, sent %v", p)
		}
	}
}

func sorted(form [][2]string) [][2]string {
	out := slices.Clone(form)
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func TestCreateKey(t *testing.T) {
	base := NewLink{Price: "price_1", Quantity: 1, Redirect: "https://example.com/t", Metadata: map[string]string{"a": "1", "b": "2"}}
	key := CreateKey(base)
	if !strings.HasPrefix(key, "paylink-") || len(key) != len("paylink-")+32 {
		t.Errorf("key %q: want paylink- and 32 hex digits", key)
	}
	same := base
	same.Metadata = map[string]string{"b": "2", "a": "1"}
	if CreateKey(same) != key {
		t.Error("the same link asked for again has another key")
	}
	for name, change := range map[string]func(*NewLink){
		"price":     func(n *NewLink) { n.Price = "price_2" },
		"quantity":  func(n *NewLink) { n.Quantity = 2 },
		"redirect":  func(n *NewLink) { n.Redirect = "https://example.com/u" },
		"recurring": func(n *NewLink) { n.Recurring = true },
		"value":     func(n *NewLink) { n.Metadata = map[string]string{"a": "1", "b": "3"} },
		// "a=1" "b=2" must not read as "a=1\x00b" "2": no ambiguity by
		// moving the separator.
		"key": func(n *NewLink) { n.Metadata = map[string]string{"a": "1\x00b=2"} },
	} {
		other := base
		change(&other)
		if CreateKey(other) == key {
			t.Errorf("%s changed, the key did not", name)
		}
	}
}

func TestReusable(t *testing.T) {
	nl := NewLink{Price: "price_1", Quantity: 1, Redirect: "https://example.com/t", Metadata: campaign}
	match := PaymentLink{ID: "plink_ok", Active: true, Confirmation: ConfirmationRedirect, RedirectURL: nl.Redirect,
		Items: []Item{{"price_1", 1}}, Metadata: map[string]string{"utm_campaign": "spring", "utm_source": "newsletter"}}
	variants := map[string]func(*PaymentLink){
		"inactive":       func(l *PaymentLink) { l.Active = false },
		"hosted":         func(l *PaymentLink) { l.Confirmation = ConfirmationHosted },
		"other redirect": func(l *PaymentLink) { l.RedirectURL = "https://example.com/t2" },
		"other price":    func(l *PaymentLink) { l.Items = []Item{{"price_2", 1}} },
		"other quantity": func(l *PaymentLink) { l.Items = []Item{{"price_1", 3}} },
		"two items":      func(l *PaymentLink) { l.Items = []Item{{"price_1", 1}, {"price_3", 1}} },
		"more items":     func(l *PaymentLink) { l.MoreProducts = true },
		"less metadata":  func(l *PaymentLink) { l.Metadata = map[string]string{"utm_source": "newsletter"} },
		"more metadata": func(l *PaymentLink) {
			l.Metadata = map[string]string{"utm_campaign": "spring", "utm_source": "newsletter", "x": "y"}
		},
		"another campaign": func(l *PaymentLink) {
			l.Metadata = map[string]string{"utm_campaign": "summer", "utm_source": "newsletter"}
		},
	}
	for name, change := range variants {
		l := match
		change(&l)
		if got, ok := Reusable([]PaymentLink{l}, nl); ok {
			t.Errorf("%s: reused %s", name, got.ID)
		}
	}
	other := match
	other.ID, other.RedirectURL = "plink_other", "https://example.com/x"
	if got, ok := Reusable([]PaymentLink{other, match}, nl); !ok || got.ID != "plink_ok" {
		t.Errorf("got %q, %v; want plink_ok", got.ID, ok)
	}
}

func TestMetadataChecks(t *testing.T) {
	long := strings.Repeat("k", 41)
	tests := []struct {
		key, value, wantErr string
	}{
		{"campaign_owner", "ana", ""},
		{strings.Repeat("k", 40), strings.Repeat("v", 500), ""},
		{"région", "été", ""},
		{"", "x", `metadata key "": give a name`},
		{long, "x", "41 characters, Stripe allows at most 40 in a key"},
		{"a[b]", "x", "'[' and ']' are not allowed in a key"},
		{"a\x1b[2J", "x", "control characters"},
		{"k", strings.Repeat("v", 501), "a value of 501 characters, Stripe allows at most 500"},
		{"k", strings.Repeat("é", 501), "a value of 501 characters"},
		{"k", "line\nbreak", "control characters"},
		{"k", "rtl\u202eevil", "control characters"},
		{"k", "\xff", "not UTF-8"},
		{"k", "", "empty value"},
	}
	for _, tt := range tests {
		err := CheckMetadataKey(tt.key)
		if err == nil {
			err = CheckMetadataValue(tt.key, tt.value)
		}
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("%q=%q: %v", tt.key, tt.value, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%q=%q: error %v, want %q", tt.key, tt.value, err, tt.wantErr)
			continue
		}
		// ContainsAny reads its set as runes, where a lone \xff is U+FFFD:
		// the raw byte is looked for with Contains.
		if msg := err.Error(); strings.ContainsAny(msg, "\x1b\n\u202e") || strings.Contains(msg, "\xff") {
			t.Errorf("%q=%q: the message holds the raw character: %q", tt.key, tt.value, err)
		}
	}
	if CheckMetadataCount(50) != nil {
		t.Error("50 keys refused")
	}
	if err := CheckMetadataCount(51); err == nil || !strings.Contains(err.Error(), "51 keys, Stripe allows at most 50") {
		t.Errorf("51 keys: %v", err)
	}
}

// TestCreateStripeMock creates links on stripe-mock, which refuses a
// request that breaks Stripe's OpenAPI spec, with each kind of price.
func TestCreateStripeMock(t *testing.T) {
	for _, tt := range []struct {
		fixtures  string
		recurring bool
	}{{fixtures, true}, {fixturesOneTime, false}} {
		c := New(testKey(t), Options{APIBase: testutil.StripeMockURL(t, tt.fixtures)})
		ctx := context.Background()
		price, err := c.Price(ctx, "price_1PgafmB7WZ01zgkW6dKueIc5")
		if err != nil {
			t.Fatal(err)
		}
		if price.Recurring != tt.recurring {
			t.Fatalf("%s: price recurring = %v, want %v", tt.fixtures, price.Recurring, tt.recurring)
		}
		nl := NewLink{Price: price.ID, Quantity: 1, Redirect: "https://example.com/thanks", Metadata: campaign, Recurring: price.Recurring}
		pl, err := c.CreateLink(ctx, nl)
		if err != nil {
			t.Fatalf("%s: %v", tt.fixtures, err)
		}
		if !strings.HasPrefix(pl.ID, "plink_") { // stripe-mock makes up a new id
			t.Errorf("created %q, want a payment link's id", pl.ID)
		}
		got, err := c.Link(ctx, pl.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.SetRedirect(ctx, got, "https://example.com/new"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCreateReplay checks what reaches the server and how its answers are
// told: the form, the Idempotency-Key, and errors naming what to do.
func TestCreateReplay(t *testing.T) {
	created := testutil.Recorded{Status: 200, Header: jsonHeader(), Body: []byte(
		`{"id":"plink_new","object":"payment_link","active":true,"livemode":false,"url":"https://buy.stripe.com/test_new1",` +
			`"after_completion":{"type":"redirect","redirect":{"url":"https://example.com/t"}},"metadata":{"utm_source":"newsletter"}}`)}
	nl := NewLink{Price: "price_1", Quantity: 1, Redirect: "https://example.com/t", Metadata: map[string]string{"utm_source": "newsletter"}}
	key := CreateKey(nl)
	tests := []struct {
		name     string
		resp     testutil.Recorded
		wantErr  string
		wantLogs []string
	}{
		{name: "created", resp: created, wantLogs: []string{
			"POST /v1/payment_links auth=Bearer idempotency-key=" + key,
			"  after_completion[redirect][url]=https://example.com/t",
			"  after_completion[type]=redirect",
			"  line_items[0][price]=price_1",
			"  line_items[0][quantity]=1",
			"  metadata[utm_source]=newsletter",
			"  payment_intent_data[metadata][utm_source]=newsletter",
		}},
		{name: "400", resp: stripeError(400, "invalid_request_error", "No such price: 'price_1'"),
			wantErr: "creating a payment link for price \"price_1\": Stripe answered 400: No such price: 'price_1'"},
		{name: "403 naming the permission", resp: stripeError(403, "invalid_request_error",
			"The provided key 'rk_test_***0000' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_payment_link_write' permission would allow this request to continue."),
			wantErr: "lacks the permission rak_payment_link_write: give the restricted key write access to it in the Dashboard"},
		{name: "403 naming none", resp: stripeError(403, "invalid_request_error", "Forbidden"),
			wantErr: "(403: Forbidden): give the restricted key write access to Payment Links"},
		{name: "429", resp: stripeErrorCode(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded."),
			wantErr: "Stripe's rate limit (429: Request rate limit exceeded.): try again in a minute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, url := replay(t, tt.resp)
			c := New(testKey(t), Options{APIBase: url, Retries: stripe.Int64(0)})
			pl, err := c.CreateLink(context.Background(), nl)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), testSecret) {
					t.Errorf("error shows the key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if pl.ID != "plink_new" || pl.URL != "https://buy.stripe.com/test_new1" || pl.Metadata["utm_source"] != "newsletter" {
				t.Errorf("link %+v", pl)
			}
			if got := log.lines(); !slices.Equal(got, tt.wantLogs) {
				t.Errorf("server got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.wantLogs, "\n"))
			}
		})
	}
}

func TestPriceNeedsRead(t *testing.T) {
	_, url := replay(t, stripeError(403, "invalid_request_error", "Forbidden"))
	c := New(testKey(t), Options{APIBase: url, Retries: stripe.Int64(0)})
	_, err := c.Price(context.Background(), "price_1")
	want := `looking up price "price_1": Stripe refused the API key from STRIPE_API_KEY (403: Forbidden): give the restricted key read access to Prices`
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

func TestSetRedirectReplay(t *testing.T) {
	updated := testutil.Recorded{Status: 200, Header: jsonHeader(), Body: []byte(
		`{"id":"plink_B","object":"payment_link","active":true,"url":"https://buy.stripe.com/test_b",` +
			`"after_completion":{"type":"redirect","redirect":{"url":"https://example.com/t"}}}`)}
	log, url := replay(t, updated)
	c := New(testKey(t), Options{APIBase: url})
	before := PaymentLink{ID: "plink_B", Confirmation: ConfirmationHosted}
	pl, err := c.SetRedirect(context.Background(), before, "https://example.com/t")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Confirmation != ConfirmationRedirect || pl.RedirectURL != "https://example.com/t" {
		t.Errorf("link %+v", pl)
	}
	want := []string{
		"POST /v1/payment_links/plink_B auth=Bearer idempotency-key=" + UpdateKey(before, "https://example.com/t"),
		"  after_completion[redirect][url]=https://example.com/t",
		"  after_completion[type]=redirect",
	}
	if got := log.lines(); !slices.Equal(got, want) {
		t.Errorf("server got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Back to where it was an hour later is a new change, with a new key.
	after := PaymentLink{ID: "plink_B", Confirmation: ConfirmationRedirect, RedirectURL: "https://example.com/u"}
	if UpdateKey(after, "https://example.com/t") == UpdateKey(before, "https://example.com/t") {
		t.Error("an update from another state reuses the key")
	}
}
