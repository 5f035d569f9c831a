package reconcile

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// sess is a Checkout Session as JSON, paid unless status says otherwise.
func sess(id, ref string, amount int, currency string) string {
	r := `null`
	if ref != "" {
		r = `"` + ref + `"`
	}
	return `{"id":"` + id + `","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":` +
		itoa(amount) + `,"currency":"` + currency + `","client_reference_id":` + r + `}`
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func event(typ, session string) string {
	return `{"id":"evt_1","object":"event","type":"` + typ + `","data":{"object":` + session + `}}`
}

// sink records what a reader hands on, as "kind:id@line".
type sink struct{ got []string }

func (k *sink) add(kind, id string, w Where) error {
	k.got = append(k.got, kind+id+"@"+strings.TrimPrefix(w.String(), "s.json:"))
	return nil
}
func (k *sink) Session(s *Session, w Where) error { return k.add("", s.ID, w) }
func (k *sink) Refund(r *Refund, w Where) error   { return k.add("refund:", r.ID, w) }
func (k *sink) Charge(c *Charge, w Where) error   { return k.add("charge:", c.ID, w) }
func (k *sink) Invoice(in *Invoice, w Where) error {
	return k.add("invoice:", in.ID, w)
}

// read returns "id@line" for each session in input, and the skipped events.
func read(t *testing.T, input string) ([]string, map[string]int, error) {
	t.Helper()
	k := &sink{}
	d, err := ReadSessions("s.json", iotest.OneByteReader(strings.NewReader(input)), k)
	return k.got, d.Skipped, err
}

func TestReadSessions(t *testing.T) {
	s1, s2 := sess("cs_1", "a", 100, "usd"), sess("cs_2", "b", 500, "jpy")
	for _, tc := range []struct {
		name, input string
		want        []string
		skipped     map[string]int
	}{
		{"list", `{"object":"list","data":[` + s1 + `,` + s2 + `],"has_more":false,"url":"/v1/checkout/sessions"}`,
			[]string{"cs_1@1", "cs_2@1"}, nil},
		{"pretty list", "{\n  \"object\": \"list\",\n  \"data\": [\n    " + s1 + ",\n    " + s2 + "\n  ],\n  \"has_more\": false\n}\n",
			[]string{"cs_1@4", "cs_2@5"}, nil},
		{"data before object", `{"data":[` + s1 + `],"object":"list"}`, []string{"cs_1@1"}, nil},
		{"empty list", `{"object":"list","data":[]}`, nil, nil},
		{"escaped data key", `{"object":"list","d\u0061ta":[` + s1 + `]}`, []string{"cs_1@1"}, nil},
		{"JSON Lines", s1 + "\n\n" + s2 + "\n", []string{"cs_1@1", "cs_2@3"}, nil},
		{"CRLF lines", s1 + "\r\n" + s2 + "\r\n", []string{"cs_1@1", "cs_2@2"}, nil},
		{"array", "[\n" + s1 + ",\n" + s2 + "\n]", []string{"cs_1@2", "cs_2@3"}, nil},
		{"empty array", "[ ]", nil, nil},
		{"empty file", "", nil, nil},
		{"events mixed", event("checkout.session.completed", s1) + "\n" + event("payment_intent.succeeded", `{"id":"pi_1","object":"payment_intent"}`) + "\n" +
			event("checkout.session.expired", s2) + "\n" + event("payment_intent.succeeded", `{}`),
			[]string{"cs_1@1"}, map[string]int{"payment_intent.succeeded": 2, "checkout.session.expired": 1}},
		{"events in an array", "[" + event("checkout.session.completed", s2) + "]", []string{"cs_2@1"}, nil},
		{"strings with quotes, braces and escapes", `{"id":"cs_\"}]","object":"checkout.session","status":"open","x":"\\","y":"{[\\\""}`,
			[]string{`cs_"}]@1`}, nil},
		{"unpaid with null amount", `{"id":"cs_3","object":"checkout.session","status":"expired","payment_status":"unpaid","amount_total":null,"currency":null}`,
			[]string{"cs_3@1"}, nil},
		{"setup mode: no payment, no amount", `{"id":"cs_8","object":"checkout.session","status":"complete","payment_status":"no_payment_required","amount_total":null,"currency":null}`,
			[]string{"cs_8@1"}, nil},
		{"list then lines", `{"object":"list","data":[` + s1 + `]}` + "\n" + s2, []string{"cs_1@1", "cs_2@2"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, skipped, err := read(t, tc.input)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("sessions %q, want %q", got, tc.want)
			}
			if len(skipped) != len(tc.skipped) {
				t.Errorf("skipped %v, want %v", skipped, tc.skipped)
			}
			for k, n := range tc.skipped {
				if skipped[k] != n {
					t.Errorf("skipped %v, want %v", skipped, tc.skipped)
				}
			}
		})
	}
}

func TestReadSessionsErrors(t *testing.T) {
	s1 := sess("cs_1", "a", 100, "usd")
	for _, tc := range []struct {
		name, input, want string
	}{
		{"bad JSON on line 3", s1 + "\n" + s1 + "\n" + `{"id":"cs_2","object":"checkout.session",}`, "s.json:3: '}' where a key is expected"},
		{"bad JSON in a line", s1 + "\n" + `{"id":"cs_2","object":"checkout.session","x":[1}}`, "s.json:2: malformed JSON: '}' where ',' or ']' is expected in an array"},
		{"bad value after a list's data", "{\"object\":\"list\",\"data\":[\n" + s1 + "\n],\n\"has_more\": nope}", "s.json:4: malformed JSON"},
		{"bad JSON inside a pretty object", "{\n\"object\": \"checkout.session\",\n\"id\": \"cs_1\",\n\"status\": tru\n}", "s.json:4: malformed JSON"},
		{"amount a string", `{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":"100","currency":"usd"}`,
			"s.json:1: amount_total: a JSON string where a whole number is expected"},
		{"amount a fraction", `{"id":"cs_1","object":"checkout.session","amount_total":1.5}`, "s.json:1: amount_total: a JSON number 1.5 where a whole number is expected"},
		{"paid without amount", `{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","currency":"usd"}`,
			`s.json:1: paid Checkout Session "cs_1" has no amount_total`},
		{"negative amount", sess("cs_1", "a", 0, "usd")[:0] + `{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":-5,"currency":"usd"}`,
			"has no amount_total of 0 or more"},
		{"paid without currency", `{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":5}`,
			`s.json:1: paid Checkout Session "cs_1": currency "": not a three-letter ISO 4217 code`},
		{"no id", `{"object":"checkout.session","status":"open"}`, "s.json:1: a Checkout Session without an id"},
		{"no object", `{"id":"cs_1"}`, `s.json:1: an object without "object"`},
		{"another object", "\n" + `{"id":"cus_1","object":"customer"}`, `s.json:2: a "customer" object`},
		{"list in an array", `[{"object":"list","data":[]}]`, "s.json:1: a list inside a list or array"},
		{"list in a list", `{"object":"list","data":[{"object":"list","data":[]}]}`, "s.json:1: a list inside a list or array"},
		{"data array on a session", `{"object":"checkout.session","id":"cs_1","data":[]}`, "not a Stripe list"},
		{"event without a session", `{"id":"evt_9","object":"event","type":"checkout.session.completed","data":{"object":{"object":"payment_intent"}}}`,
			`s.json:1: event "evt_9" of type checkout.session.completed does not hold a Checkout Session`},
		{"cut short", `{"object":"list","data":[` + s1, "s.json:1: the file ends before the JSON value that starts on this line is closed"},
		{"cut in an element", "[\n" + s1 + ",\n" + `{"id":"cs_2",` + "\n\n", "s.json:3: the file ends before"},
		{"cut in a string", `{"object":"checkout.session","id":"cs_`, "s.json:1: the file ends before"},
		{"scalar at the top", "\n\n42", "s.json:3: '4' where a JSON object or array is expected"},
		{"number in an array", "[" + s1 + ",\n7]", "s.json:2: '7' where a Checkout Session or event object is expected"},
		{"missing comma", "[" + s1 + "\n" + s1 + "]", "s.json:2: '{' where ',' or ']' is expected"},
		{"control byte", "\x01", "byte 0x01 where a JSON object or array is expected"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := read(t, tc.input)
			var in *InputError
			if !errors.As(err, &in) {
				t.Fatalf("error %v, want an *InputError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestReadSessionsBound refuses an object over MaxObject instead of
// holding it.
func TestReadSessionsBound(t *testing.T) {
	big := `{"object":"checkout.session","id":"` + strings.Repeat("x", MaxObject+10) + `"}`
	_, _, err := read(t, big)
	if err == nil || !strings.Contains(err.Error(), "over 16 MiB") {
		t.Fatalf("error %v, want a bound of 16 MiB", err)
	}
}
