package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/testutil"
)

// TestReconcileFlags checks how flags fill ReconcileOptions.
func TestReconcileFlags(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		links    []string
		sessions []string
		by       []string
		format   string
	}{
		{[]string{"a.csv", "--sessions", "s.json"}, []string{"a.csv"}, []string{"s.json"}, []string{"utm_source", "utm_medium", "utm_campaign"}, ""},
		{[]string{"a.csv", "b.txt", "--sessions", "s,1.json", "--sessions", "-", "--by", "utm_campaign,utm_term", "--format", "json"},
			[]string{"a.csv", "b.txt"}, []string{"s,1.json", "-"}, []string{"utm_campaign", "utm_term"}, "json"},
	} {
		streams, _, _, _ := iostreams.Test()
		var got *ReconcileOptions
		c := NewReconcileCmd(cmdutil.NewFactory(streams), func(o *ReconcileOptions) error { got = o; return nil })
		c.SetArgs(tc.args)
		if err := c.Execute(); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if !slices.Equal(got.Links, tc.links) || !slices.Equal(got.Sessions, tc.sessions) || !slices.Equal(got.By, tc.by) || got.Format != tc.format {
			t.Errorf("%q: links %q sessions %q by %q format %q", tc.args, got.Links, got.Sessions, got.By, got.Format)
		}
	}
}

// TestReconcileDefaultFormat prints a table on a terminal and csv elsewhere.
func TestReconcileDefaultFormat(t *testing.T) {
	dir := t.TempDir()
	links := writeFile(t, dir, "links.txt", "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a&client_reference_id=r1\n")
	sessions := writeFile(t, dir, "s.jsonl", `{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":250,"currency":"eur","client_reference_id":"r1"}`+"\n")
	for _, tty := range []bool{true, false} {
		streams, _, out, _ := iostreams.Test()
		streams.SetTTY(tty, false)
		err := runReconcile(&ReconcileOptions{IO: streams, Links: []string{links}, Sessions: []string{sessions}, By: []string{"utm_source"}})
		if err != nil {
			t.Fatal(err)
		}
		want := "utm_source,links,paid,currency,amount,refunded,renewals,net\na,1,1,eur,2.50,0.00,0.00,2.50\n"
		if tty {
			want = "SOURCE  LINKS  PAID    CONV  CUR  GROSS   SHARE"
		}
		if got := out.String(); tty && (len(got) < len(want) || got[:len(want)] != want) || !tty && got != want {
			t.Errorf("terminal %v: got\n%s\nwant\n%s", tty, got, want)
		}
	}
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReconcileStripeProgress shows a count of the sessions listed on a
// terminal's stderr, and takes it away before the report.
func TestReconcileStripeProgress(t *testing.T) {
	page := testutil.Recorded{Status: 200, Header: map[string][]string{"Content-Type": {"application/json"}},
		Body: []byte(`{"object":"list","url":"/v1/checkout/sessions","has_more":false,"data":[` +
			`{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":250,"currency":"eur","client_reference_id":"r1"}]}`)}
	noLinks := testutil.Recorded{Status: 200, Header: map[string][]string{"Content-Type": {"application/json"}},
		Body: []byte(`{"object":"list","url":"/v1/payment_links","has_more":false,"data":[]}`)}
	empty := func(url string) testutil.Recorded {
		return testutil.Recorded{Status: 200, Header: map[string][]string{"Content-Type": {"application/json"}},
			Body: []byte(`{"object":"list","url":"` + url + `","has_more":false,"data":[]}`)}
	}
	links := writeFile(t, t.TempDir(), "links.txt", "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a&client_reference_id=r1\n")
	env := map[string]string{"STRIPE_API_KEY": "rk_test_51ProgressKey000000000000"}
	for _, tty := range []bool{true, false} {
		streams, _, out, errOut := iostreams.Test()
		streams.SetTTY(false, tty)
		streams.SetStderrWidth(80)
		f := &cmdutil.Factory{IO: streams, LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
		replay := testutil.NewStripeReplay([]testutil.Recorded{noLinks, page, empty("/v1/refunds"), empty("/v1/invoices")}, nil)
		env["PAYLINK_STRIPE_API_BASE"] = replay.URL
		code := ExecuteFactory([]string{"reconcile", links, "--stripe", "--format", "csv", "--by", "utm_source"}, f)
		replay.Close()
		if code != 0 || out.String() != "utm_source,links,paid,currency,amount,refunded,renewals,net\na,1,1,eur,2.50,0.00,0.00,2.50\n" {
			t.Fatalf("terminal %v: exit %d, stdout %q, stderr %q", tty, code, out, errOut)
		}
		// The count is cleared before the report and its counts' note.
		shown := strings.Contains(errOut.String(), "listing Checkout Sessions") && strings.Contains(errOut.String(), "\r\x1b[Knote: unmatched sessions 0")
		if shown != tty {
			t.Errorf("terminal %v: stderr %q", tty, errOut)
		}
	}
}
