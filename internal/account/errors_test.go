package account

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v85"
)

func fmtAll(v any) string { return fmt.Sprintf("%v %s %+v %#v", v, v, v, v) }

func TestScrub(t *testing.T) {
	key := Key{secret: "sk_test_SECRET123", source: EnvKey}
	tests := []struct{ in, want string }{
		{"Invalid API Key provided: sk_test_****T123", "Invalid API Key provided: [key]"},
		{"the key sk_test_SECRET123 is bad", "the key [key] is bad"},
		{"key 'rk_live_abc_DEF9' here", "key '[key]' here"},
		{"whsec_abc and pk_test_x", "[key] and [key]"},
		{"safe side: risk_test_x is scrubbed too; ask_live is not", "safe side: ri[key] is scrubbed too; ask_live is not"},
	}
	for _, tt := range tests {
		if got := scrub(tt.in, key); got != tt.want {
			t.Errorf("scrub(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPermission(t *testing.T) {
	tests := []struct{ msg, want string }{
		{"The provided key 'rk_test_***abc' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_payment_link_read' permission would allow this request to continue.", "rak_payment_link_read"},
		{"Having the 'rak_checkout_session_read' permission", "rak_checkout_session_read"},
		{"no permission named", ""},
		{"broken 'rak_x y' quote", ""},
		{"unterminated 'rak_abc", ""},
	}
	for _, tt := range tests {
		if got := permission(tt.msg); got != tt.want {
			t.Errorf("permission(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

var _ net.Error = timeoutErr{}

func TestExplain(t *testing.T) {
	key := Key{secret: "rk_test_SECRET123", source: EnvKey}
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"401", &stripe.Error{HTTPStatusCode: 401, Msg: "Invalid API Key provided: rk_test_*****T123"}, []string{"refused the API key from STRIPE_API_KEY", "401", "revoked"}},
		{"403 with permission", &stripe.Error{HTTPStatusCode: 403, Msg: "The provided key 'rk_test_*****T123' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_payment_link_read' permission would allow this request to continue."}, []string{"lacks the permission rak_payment_link_read"}},
		{"403 without", &stripe.Error{HTTPStatusCode: 403, Msg: "Forbidden"}, []string{"403: Forbidden", "read access to Payment Links"}},
		{"429", &stripe.Error{HTTPStatusCode: 429, Msg: "Too many requests"}, []string{"rate limit", "try again in a minute"}},
		{"500", &stripe.Error{HTTPStatusCode: 500, Msg: "boom"}, []string{"Stripe failed (500: boom)"}},
		{"timeout", fmt.Errorf("Get x: %w", timeoutErr{}), []string{"did not answer in time", "--timeout"}},
		{"deadline", context.DeadlineExceeded, []string{"did not answer in time"}},
		{"refused", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), []string{"could not reach Stripe", "connection refused"}},
		{"network error quoting the key", errors.New("bad request with rk_test_SECRET123"), []string{"could not reach Stripe", "[key]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := explain(tt.err, key, "listing payment links")
			var ae *Error
			if !errors.As(err, &ae) || ae.ExitCode() != 2 {
				t.Fatalf("explain gave %T, want *Error with exit code 2", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "listing payment links: ") {
				t.Errorf("message %q does not say what was being done", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "SECRET") || strings.Contains(msg, "T123") {
				t.Errorf("message shows (part of) the key: %q", msg)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("the cause is lost")
			}
		})
	}
	if explain(nil, key, "x") != nil {
		t.Error("explain(nil) is not nil")
	}
}
