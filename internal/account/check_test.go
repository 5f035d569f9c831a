package account

import (
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
)

// TestCheckBookLinks: a link on book.stripe.com (a payment link whose
// button says Book) is looked up in the account like one on buy.stripe.com:
// by its URL, else by its slug, and judged on the account's answer.
func TestCheckBookLinks(t *testing.T) {
	ix := NewIndex([]PaymentLink{
		{ID: "plink_book1", URL: "https://book.stripe.com/test_3cs5mTbxV0Gwbte3cc", Active: false, Confirmation: ConfirmationRedirect},
		{ID: "plink_book2", URL: "https://book.stripe.com/test_8wM6qXcBZ4WMeFq288", Active: true, Confirmation: ConfirmationHosted},
	}, ModeTest)
	tests := []struct {
		raw  string
		id   string
		want string // in the one problem's reason, "" for none
	}{
		{"https://book.stripe.com/test_3cs5mTbxV0Gwbte3cc", "plink_book1", "deactivated in the Stripe account (plink_book1)"},
		{"https://book.stripe.com/test_8wM6qXcBZ4WMeFq288?utm_source=x", "plink_book2", "UTM codes are not passed on"},
		{"https://book.stripe.com/test_8wM6qXcBZ4WMeFq288", "plink_book2", ""},
		// The same slug on buy.stripe.com is the same link.
		{"https://buy.stripe.com/test_3cs5mTbxV0Gwbte3cc", "plink_book1", "deactivated"},
		{"https://book.stripe.com/test_nothere000000", "", "not found in this Stripe account"},
	}
	for _, tt := range tests {
		l, err := link.Parse(tt.raw, nil)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.raw, err)
		}
		if got := ix.Facts(l).ID; got != tt.id {
			t.Errorf("%s: found %q, want %q", tt.raw, got, tt.id)
		}
		ps := ix.Check(l)
		switch {
		case tt.want == "" && len(ps) != 0:
			t.Errorf("%s: problems %v, want none", tt.raw, ps)
		case tt.want != "" && (len(ps) != 1 || !strings.Contains(ps[0].Reason, tt.want)):
			t.Errorf("%s: problems %v, want one saying %q", tt.raw, ps, tt.want)
		}
	}
}
