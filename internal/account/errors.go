package account

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/stripe/stripe-go/v85"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/safe"
)

// Error is a problem reading the account. It carries its exit code, so
// commands report it without knowing where it came from.
type Error struct {
	msg string
	err error // the cause, if any, for errors.Is/As
}

func (e *Error) Error() string { return e.msg }
func (e *Error) Unwrap() error { return e.err }

// ExitCode is the process exit code the error maps to, for every account
// error: paylink's code for unreadable input and bad configuration, which a
// missing key, a refused key and an unreachable API all are.
func (e *Error) ExitCode() int { return exitcode.Usage }

// Errorf makes an *Error from a message.
func Errorf(format string, args ...any) *Error {
	return &Error{msg: fmt.Sprintf(format, args...)}
}

// explain turns an error from stripe-go into an *Error saying what happened
// and what to do, with the key scrubbed from every part of it. what names
// the request, e.g. "listing payment links".
func explain(err error, key Key, what string) error {
	return explainNeed(err, key, what, "")
}

// explainNeed is explain for a request that needs the access need ("write
// access to Payment Links"), which a 403 not naming a permission asks for;
// "" is the read access listing links and sessions needs.
func explainNeed(err error, key Key, what, need string) error {
	var explained *Error
	if err == nil || errors.As(err, &explained) {
		return err // said already, once
	}
	var se *stripe.Error
	var redirect *redirectError
	var msg string
	switch {
	case errors.As(err, &se):
		msg = explainStripe(se, key, what, need)
	case errors.As(err, &redirect):
		msg = fmt.Sprintf("%s: the API answered with a redirect to %s: Stripe's API never redirects, so paylink follows none (the key would go along); check %s and any proxy", what, scrub(redirect.To, key), EnvAPIBase)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		msg = fmt.Sprintf("%s: Stripe did not answer in time (%s); try again, or raise --timeout", what, scrub(err.Error(), key))
	default:
		msg = fmt.Sprintf("%s: could not reach Stripe: %s", what, scrub(err.Error(), key))
	}
	return &Error{msg: msg, err: err}
}

func explainStripe(se *stripe.Error, key Key, what, need string) string {
	detail := scrub(se.Msg, key)
	if detail == "" {
		detail = "no message"
	}
	switch se.HTTPStatusCode {
	case 401:
		return fmt.Sprintf("%s: Stripe refused the API key from %s (401: %s): check that the key is current and not revoked", what, key.Source(), detail)
	case 403:
		if perm := permission(se.Msg); perm != "" {
			access := "read access"
			if strings.HasSuffix(perm, "_write") {
				access = "write access"
			}
			return fmt.Sprintf("%s: the API key from %s lacks the permission %s: give the restricted key %s to it in the Dashboard (Developers > API keys)", what, key.Source(), perm, access)
		}
		if need == "" {
			need = "read access to Payment Links (and Checkout Sessions for reconcile)"
		}
		return fmt.Sprintf("%s: Stripe refused the API key from %s (403: %s): give the restricted key %s", what, key.Source(), detail, need)
	case 429:
		return fmt.Sprintf("%s: Stripe's rate limit (429: %s): try again in a minute", what, detail)
	}
	if se.HTTPStatusCode >= 500 {
		return fmt.Sprintf("%s: Stripe failed (%d: %s): try again later", what, se.HTTPStatusCode, detail)
	}
	return fmt.Sprintf("%s: Stripe answered %d: %s", what, se.HTTPStatusCode, detail)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// permission finds the permission Stripe names when it refuses a restricted
// key: "Having the 'rak_payment_link_read' permission would allow this
// request to continue." It returns "" when the message names none. (No
// regexp: a package-level one would be compiled at every start of paylink.)
func permission(msg string) string {
	_, rest, ok := strings.Cut(msg, "'rak_")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "'")
	if !ok || name == "" || strings.IndexFunc(name, func(r rune) bool { return !isKeyChar(r) }) >= 0 {
		return ""
	}
	return "rak_" + name
}

// scrub removes the key, and anything shaped like a key (Stripe's messages
// quote a redacted one, "sk_test_****1234"), from s.
func scrub(s string, key Key) string {
	if key.secret != "" {
		s = strings.ReplaceAll(s, key.secret, safe.Redacted)
	}
	return safe.Redact(s)
}

func isKeyChar(r rune) bool {
	return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}
