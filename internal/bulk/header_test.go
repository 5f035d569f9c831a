package bulk

import (
	"errors"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/textin"
)

// A UTF-8 byte-order mark, as Excel writes it before "CSV UTF-8", is
// dropped before parsing: a quoted header after it is a header, not a
// "bare \"" error; the same for JSON Lines and lines.
func TestByteOrderMarkDropped(t *testing.T) {
	const bom = "\xEF\xBB\xBF"
	for _, tc := range []struct {
		cfg      Config
		in, want string
	}{
		{Config{Input: CSV, Output: CSV}, bom + "\"url\",\"utm_source\"\n" + slug + ",news\n",
			"url,utm_source,link,error\n" + slug + ",news," + slug + "?utm_source=news,\n"},
		{Config{Input: JSONL, Output: Lines}, bom + `{"url":"` + slug + `","utm_source":"news"}` + "\n", slug + "?utm_source=news\n"},
		{Config{Input: Lines, Output: Lines}, bom + slug + "\n", slug + "\n"},
	} {
		got, stats, err := run(t, &tc.cfg, tc.in)
		if err != nil || got != tc.want || stats.Failed != 0 {
			t.Errorf("%s input: %v, %+v:\n%s\nwant:\n%s", tc.cfg.Input, err, stats, got, tc.want)
		}
	}
}

// UTF-16 input (as Excel's "Unicode Text" saves it) is refused on line 1,
// saying what it is and what to do, whatever the format.
func TestUTF16Refused(t *testing.T) {
	for _, in := range []string{"\xFF\xFEu\x00r\x00l\x00\n\x00", "\xFE\xFF\x00u\x00r\x00l", "u\x00r\x00l\x00\n\x00"} {
		for _, f := range []Format{CSV, JSONL, Lines} {
			_, _, err := run(t, &Config{Input: f, Output: Lines}, in)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line != 1 || ie.Msg != textin.ErrUTF16.Error() || !strings.Contains(err.Error(), "save it as UTF-8") {
				t.Errorf("%s input %q: error %v, want line 1: %v", f, in, err, textin.ErrUTF16)
			}
		}
	}
}

// Parameter, url and preset columns are matched ignoring the case of ASCII
// letters: UTM_Campaign sets the campaign instead of passing through while
// the link is built without it. Two columns that differ only in case are
// one column twice.
func TestHeaderCaseIgnored(t *testing.T) {
	in := "URL,UTM_Campaign,Utm_Source,Client_Reference_ID,Note\n" + slug + ",spring,news,order-1,x\n"
	got, _, err := run(t, &Config{Input: CSV, Output: Lines}, in)
	want := slug + "?utm_source=news&utm_campaign=spring&client_reference_id=order-1\n"
	if err != nil || got != want {
		t.Errorf("got %q (%v), want %q", got, err, want)
	}
	jin := `{"URL":"` + slug + `","UTM_Campaign":"spring","Utm_Source":"news"}` + "\n"
	got, _, err = run(t, &Config{Input: JSONL, Output: Lines}, jin)
	if want := slug + "?utm_source=news&utm_campaign=spring\n"; err != nil || got != want {
		t.Errorf("JSON Lines: got %q (%v), want %q", got, err, want)
	}
	_, _, err = run(t, &Config{Input: CSV, Output: Lines}, "url,utm_source,UTM_Source\n"+slug+",a,b\n")
	if err == nil || !strings.Contains(err.Error(), `column "UTM_Source" appears twice in the header`) {
		t.Errorf("two utm_source columns: error %v", err)
	}
	// Unicode case rules are not used: a dotted capital I is not an i.
	got, _, err = run(t, &Config{Input: CSV, Output: Lines}, "url,utm_campaİgn\n"+slug+",x\n")
	if err != nil || got != slug+"\n" {
		t.Errorf("utm_campaİgn: got %q (%v), want it passed through", got, err)
	}
}
