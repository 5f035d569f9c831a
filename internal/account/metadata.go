package account

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paylink/paylink/internal/safe"
)

// Stripe's limits on an object's metadata
// (https://docs.stripe.com/api/metadata): beyond them Stripe refuses the
// whole request, so paylink checks them before sending any.
const (
	MaxMetadataKeys     = 50
	MaxMetadataKeyLen   = 40
	MaxMetadataValueLen = 500
)

// CheckMetadataKey refuses a key Stripe would refuse (empty, over 40
// characters, holding '[' or ']', which its form encoding reads as nesting)
// or that would drive a terminal when printed (control characters).
func CheckMetadataKey(key string) error {
	switch {
	case key == "":
		return fmt.Errorf("metadata key \"\": give a name, e.g. --metadata campaign_owner=ana")
	case !utf8.ValidString(key) || strings.IndexFunc(key, isControl) >= 0:
		return fmt.Errorf("metadata key %s: control characters and bytes that are not UTF-8 are not allowed in a key", safe.Quote(key))
	case strings.ContainsAny(key, "[]"):
		return fmt.Errorf("metadata key %s: '[' and ']' are not allowed in a key (Stripe reads them as nesting); rename it", safe.Quote(key))
	case utf8.RuneCountInString(key) > MaxMetadataKeyLen:
		return fmt.Errorf("metadata key %s: %d characters, Stripe allows at most %d in a key; shorten it", safe.Quote(key), utf8.RuneCountInString(key), MaxMetadataKeyLen)
	}
	return nil
}

// CheckMetadataValue refuses a value Stripe would refuse (over 500
// characters) or that is not text one can read back (control characters,
// bytes that are not UTF-8). An empty value is refused too: to Stripe it
// means "remove the key", never a value.
func CheckMetadataValue(key, value string) error {
	switch {
	case value == "":
		return fmt.Errorf("metadata %s: empty value; Stripe stores no empty value (it removes the key): give one, or leave the key out", safe.Quote(key))
	case !utf8.ValidString(value) || strings.IndexFunc(value, isControl) >= 0:
		return fmt.Errorf("metadata %s value %s: control characters and bytes that are not UTF-8 are not allowed (they would reach every report and terminal that shows it)", safe.Quote(key), safe.Quote(shorten(value)))
	case utf8.RuneCountInString(value) > MaxMetadataValueLen:
		return fmt.Errorf("metadata %s: a value of %d characters, Stripe allows at most %d; shorten it", safe.Quote(key), utf8.RuneCountInString(value), MaxMetadataValueLen)
	}
	return nil
}

// CheckMetadataCount refuses more keys than Stripe allows on one object.
func CheckMetadataCount(n int) error {
	if n > MaxMetadataKeys {
		return fmt.Errorf("metadata: %d keys, Stripe allows at most %d on a payment link (the UTM codes count); drop some", n, MaxMetadataKeys)
	}
	return nil
}

// isControl is a C0 or C1 control character, DEL, or a character that
// reorders or hides text (bidi controls, zero-width characters).
func isControl(r rune) bool {
	return unicode.IsControl(r) || safe.Invisible(r)
}

// shorten keeps a message about a long value readable.
func shorten(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}
