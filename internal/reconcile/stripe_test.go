package reconcile

import (
	"slices"
	"testing"
	"time"
)

// TestPaymentLinkIDs filters by payment link only when every base is one
// of the account's links.
func TestPaymentLinkIDs(t *testing.T) {
	byURL := map[string]string{base: "plink_A", "https://buy.stripe.com/test_b": "plink_B"}
	ids, missing := PaymentLinkIDs(byURL, []string{base, "https://buy.stripe.com/test_b"})
	if !slices.Equal(ids, []string{"plink_A", "plink_B"}) || missing != nil {
		t.Errorf("ids %v, missing %v", ids, missing)
	}
	ids, missing = PaymentLinkIDs(byURL, []string{base, "https://buy.stripe.com/test_other"})
	if ids != nil || !slices.Equal(missing, []string{"https://buy.stripe.com/test_other"}) {
		t.Errorf("ids %v, missing %v; want no filter", ids, missing)
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		end  bool
		want string
	}{
		{"2026-03-01", false, "2026-03-01T00:00:00Z"},
		{"2026-03-01", true, "2026-03-01T23:59:59Z"},
		{"2026-03-01T10:00:00+01:00", true, "2026-03-01T09:00:00Z"},
		{"03/01/2026", false, ""},
		{"2026-02-30", false, ""},
	} {
		got, err := ParseTime(tc.in, tc.end)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ParseTime(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("ParseTime(%q, %v) = %v, %v; want %s", tc.in, tc.end, got, err, tc.want)
		}
	}
}
