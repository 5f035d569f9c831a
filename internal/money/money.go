// Package money sums and prints amounts of money as Stripe gives them: whole
// numbers of a currency's minor unit (cents for usd, yen for jpy, fils for
// bhd). Amounts are never floats, and two currencies are never added.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// zeroDecimal are the currencies whose Stripe amounts are whole units
// (docs.stripe.com/currencies#zero-decimal).
var zeroDecimal = map[string]bool{
	"bif": true, "clp": true, "djf": true, "gnf": true, "jpy": true, "kmf": true,
	"krw": true, "mga": true, "pyg": true, "rwf": true, "ugx": true, "vnd": true,
	"vuv": true, "xaf": true, "xof": true, "xpf": true,
}

// threeDecimal are the currencies whose Stripe amounts are thousandths
// (docs.stripe.com/currencies#three-decimal).
var threeDecimal = map[string]bool{"bhd": true, "jod": true, "kwd": true, "omr": true, "tnd": true}

// Exponent is how many digits of currency's Stripe amounts follow the
// decimal point: 0, 2 or 3. Every currency Stripe does not list as zero- or
// three-decimal is two-decimal in its API, ISK, HUF and TWD included (Stripe
// keeps their amounts in hundredths though they are charged in whole units).
func Exponent(currency string) int {
	switch {
	case zeroDecimal[currency]:
		return 0
	case threeDecimal[currency]:
		return 3
	}
	return 2
}

// Currency checks that s is a currency code as Stripe writes it, three
// ASCII letters, and returns it in lower case.
func Currency(s string) (string, error) {
	if len(s) != 3 {
		return "", fmt.Errorf("currency %q: not a three-letter ISO 4217 code such as usd", s)
	}
	for i := range len(s) {
		c := s[i] | 0x20 // lower-cases an ASCII letter
		if c < 'a' || c > 'z' {
			return "", fmt.Errorf("currency %q: not a three-letter ISO 4217 code such as usd", s)
		}
	}
	return strings.ToLower(s), nil
}

// Format prints minor, an amount in currency's minor unit, in major units
// with the currency's own number of decimals: Format(12345, "usd") is
// "123.45", Format(5000, "jpy") is "5000", Format(1500, "kwd") is "1.500".
func Format(minor int64, currency string) string {
	exp := Exponent(currency)
	neg := minor < 0
	// Through uint64, so the most negative int64 has an absolute value too.
	abs := uint64(minor)
	if neg {
		abs = -abs
	}
	digits := strconv.FormatUint(abs, 10)
	if exp > 0 {
		if len(digits) <= exp {
			digits = strings.Repeat("0", exp-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-exp] + "." + digits[len(digits)-exp:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// Add returns a+b, and false when the sum does not fit in an int64: a
// total that overflowed would print a wrong amount, so callers report it.
func Add(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
