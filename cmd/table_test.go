package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/wrap"
)

// TestPresetsTableCJK: a preset named 春春春 lines up with one named
// spring (both six columns wide); tabwriter counted its nine bytes.
func TestPresetsTableCJK(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "paylink.yaml")
	must(t, os.WriteFile(cfg, []byte("presets:\n  春春春:\n    utm_source: a\n  spring:\n    utm_source: bb\n"), 0o644))
	streams, _, out, errOut := iostreams.Test()
	if code := ExecuteFactory([]string{"presets", "list", "--config", cfg}, testFactory(streams)); code != exitcode.OK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "" +
		"NAME    utm_source\n" +
		"spring  bb\n" +
		"春春春  a\n"
	if got := out.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestLinksTableFits: on a narrow terminal the products are cut with '…'
// to fit; on a very narrow one each link is a block headed by its id.
func TestLinksTableFits(t *testing.T) {
	links := []account.PaymentLink{{ID: "plink_1", URL: "https://buy.stripe.com/test_a1", Active: true,
		Confirmation: "hosted_confirmation", Products: []string{"春の特別セット", "Gift card"}}}
	full := linksTable(links).String(0)
	if !strings.Contains(full, "春の特別セット; Gift card") {
		t.Fatalf("no products:\n%s", full)
	}
	width := wrap.Width(strings.SplitN(full, "\n", 2)[1]) - 5
	got := linksTable(links).String(width)
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if w := wrap.Width(line); w > width {
			t.Errorf("at %d columns a line is %d wide: %q", width, w, line)
		}
	}
	if !strings.Contains(got, "…") {
		t.Errorf("at %d columns, products not cut:\n%s", width, got)
	}
	got = linksTable(links).String(40)
	if !strings.HasPrefix(got, "plink_1\n  URL https://buy.stripe.com/test_a1\n") {
		t.Errorf("at 40 columns, not a block:\n%s", got)
	}
}
