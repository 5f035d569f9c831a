package reconcile

import (
	"errors"
	"strings"
	"testing"
)

// FuzzReadSessions feeds the streaming reader any bytes: it never panics,
// and it either reads the input or returns an *InputError naming the file.
func FuzzReadSessions(f *testing.F) {
	s1 := sess("cs_1", "a", 100, "usd")
	for _, seed := range []string{
		s1, "[" + s1 + "," + s1 + "]", `{"object":"list","data":[` + s1 + `],"has_more":false}`,
		event("checkout.session.completed", s1), `{"object":"list","d\u0061ta":[]}`,
		`{"a":"\"}]","object":"checkout.session","id":"x"}`, "[", "{", `{"object":"list","data":[{`, "\x00", "",
		`{"id":"evt_1","object":"event","type":"refund.updated","data":{"object":{"id":"re_1","object":"refund","amount":5,"currency":"usd","status":"succeeded","payment_intent":{"id":"pi_1"}}}}`,
		`{"id":"evt_2","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","amount_refunded":5,"currency":"usd","payment_intent":"pi_1"}}}`,
		`{"id":"evt_3","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1","object":"invoice","status":"paid","billing_reason":"subscription_cycle","amount_paid":5,"currency":"usd","parent":{"subscription_details":{"subscription":"sub_1"}}}}}`,
		`{"id":"cs_2","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":1,"currency":"usd","metadata":{"utm_source":"a","x":[1,{"y":null}]}}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		_, err := ReadSessions("in.json", strings.NewReader(input), &fuzzSink{t})
		var in *InputError
		if err != nil && (!errors.As(err, &in) || !strings.HasPrefix(in.Where, "in.json")) {
			t.Fatalf("error %v (%T), want an *InputError naming in.json", err, err)
		}
	})
}

// fuzzSink checks that every record is named and placed.
type fuzzSink struct{ t *testing.T }

func (f *fuzzSink) check(id string, w Where) error {
	if id == "" || !strings.HasPrefix(w.String(), "in.json:") {
		f.t.Fatalf("record %q at %q", id, w)
	}
	return nil
}
func (f *fuzzSink) Session(s *Session, w Where) error  { return f.check(s.ID, w) }
func (f *fuzzSink) Refund(r *Refund, w Where) error    { return f.check(r.ID, w) }
func (f *fuzzSink) Charge(c *Charge, w Where) error    { return f.check(c.ID, w) }
func (f *fuzzSink) Invoice(in *Invoice, w Where) error { return f.check(in.ID, w) }
