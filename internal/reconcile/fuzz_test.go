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
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		n := 0
		_, err := ReadSessions("in.json", strings.NewReader(input), func(s *Session, where string) error {
			if s.ID == "" || !strings.HasPrefix(where, "in.json:") {
				t.Fatalf("session %+v at %q", s, where)
			}
			n++
			return nil
		})
		var in *InputError
		if err != nil && (!errors.As(err, &in) || !strings.HasPrefix(in.Where, "in.json")) {
			t.Fatalf("error %v (%T), want an *InputError naming in.json", err, err)
		}
	})
}
