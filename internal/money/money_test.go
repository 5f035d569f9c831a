package money

import (
	"math"
	"testing"
)

func TestExponent(t *testing.T) {
	for _, tc := range []struct {
		currency string
		want     int
	}{
		{"usd", 2}, {"eur", 2}, {"gbp", 2},
		{"jpy", 0}, {"krw", 0}, {"clp", 0}, {"vnd", 0}, {"xof", 0}, {"ugx", 0},
		{"bhd", 3}, {"jod", 3}, {"kwd", 3}, {"omr", 3}, {"tnd", 3},
		{"isk", 2}, {"huf", 2}, {"twd", 2}, // charged whole, but hundredths in the API
	} {
		if got := Exponent(tc.currency); got != tc.want {
			t.Errorf("Exponent(%q) = %d, want %d", tc.currency, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		minor    int64
		currency string
		want     string
	}{
		{12345, "usd", "123.45"},
		{5, "usd", "0.05"},
		{50, "usd", "0.50"},
		{0, "usd", "0.00"},
		{100, "usd", "1.00"},
		{-250, "eur", "-2.50"},
		{5000, "jpy", "5000"},
		{0, "jpy", "0"},
		{1500, "kwd", "1.500"},
		{7, "bhd", "0.007"},
		{123456789, "tnd", "123456.789"},
		{math.MaxInt64, "usd", "92233720368547758.07"},
		{math.MinInt64, "usd", "-92233720368547758.08"},
		{math.MinInt64, "jpy", "-9223372036854775808"},
	} {
		if got := Format(tc.minor, tc.currency); got != tc.want {
			t.Errorf("Format(%d, %q) = %q, want %q", tc.minor, tc.currency, got, tc.want)
		}
	}
}

func TestCurrency(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"usd", "usd", true},
		{"JPY", "jpy", true},
		{"us", "", false},
		{"usdd", "", false},
		{"u$d", "", false},
		{"", "", false},
		{"u\x00d", "", false},
		{"éu", "", false}, // three bytes, not three letters
	} {
		got, err := Currency(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("Currency(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestAdd(t *testing.T) {
	for _, tc := range []struct {
		a, b, want int64
		ok         bool
	}{
		{1, 2, 3, true},
		{math.MaxInt64, 0, math.MaxInt64, true},
		{math.MaxInt64, 1, 0, false},
		{math.MinInt64, -1, 0, false},
		{math.MaxInt64 - 5, 5, math.MaxInt64, true},
		{-5, 3, -2, true},
	} {
		got, ok := Add(tc.a, tc.b)
		if ok != tc.ok || got != tc.want {
			t.Errorf("Add(%d, %d) = %d, %v; want %d, %v", tc.a, tc.b, got, ok, tc.want, tc.ok)
		}
	}
}
