package cmd

import (
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/testutil"
)

func TestLinksFormat(t *testing.T) {
	tests := []struct {
		args    []string
		tty     bool
		want    string
		wantErr string
	}{
		{nil, true, "table", ""},
		{nil, false, "csv", ""},
		{[]string{"--format", "jsonl"}, true, "jsonl", ""},
		{[]string{"--format", "csv"}, true, "csv", ""},
		{[]string{"--format", "json"}, false, "json", ""},
		{[]string{"--format", "TEXT"}, false, "text", ""},
		{[]string{"--format", "xml"}, false, "", `--format "xml": use table, text, csv, json or jsonl`},
		{[]string{"extra"}, false, "", "unknown command"},
	}
	for _, tt := range tests {
		streams, _, _, _ := iostreams.Test()
		streams.SetTTY(tt.tty, false)
		var got *LinksOptions
		c := NewLinksCmd(testFactory(streams), func(o *LinksOptions) error { got = o; return nil })
		c.SetArgs(tt.args)
		c.SetOut(&strings.Builder{})
		c.SetErr(&strings.Builder{})
		err := c.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Format != tt.want {
			t.Errorf("%v (tty %v): format %q, %v; want %q", tt.args, tt.tty, got.Format, err, tt.want)
		}
	}
}

// TestLinksProgress: on a terminal, stderr shows the count of links listed
// so far; the result on stdout is unchanged.
func TestLinksProgress(t *testing.T) {
	page, err := testutil.ParseRecorded([]byte("HTTP/1.1 200 OK\nContent-Type: application/json\n\n" +
		`{"object":"list","has_more":false,"data":[{"id":"plink_1","object":"payment_link","active":true,"url":"https://buy.stripe.com/test_a1","after_completion":{"type":"redirect","redirect":{"url":"https://example.com/"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{account.EnvKey: "rk_test_progress"}
	for _, tty := range []bool{true, false} {
		streams, _, out, errOut := iostreams.Test()
		streams.SetTTY(false, tty)
		srv := testutil.NewStripeReplay([]testutil.Recorded{page}, nil)
		env[account.EnvAPIBase] = srv.URL
		opts := &LinksOptions{IO: streams, Format: "csv", Stripe: StripeOptions{Timeout: account.DefaultTimeout, Getenv: func(k string) string { return env[k] }}}
		if err := runLinks(opts); err != nil {
			t.Fatal(err)
		}
		srv.Close()
		if !strings.Contains(out.String(), "plink_1,https://buy.stripe.com/test_a1,true") {
			t.Errorf("stdout %q", out)
		}
		if shown := strings.Contains(errOut.String(), "listing payment links: 1"); shown != tty {
			t.Errorf("stderr a terminal: %v; progress shown: %v (%q)", tty, shown, errOut)
		}
	}
}
