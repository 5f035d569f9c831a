package bulk

import (
	"bytes"
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
	if err == nil || !strings.Contains(err.Error(), `columns "utm_source" and "UTM_Source" are the same column, utm_source (columns are matched ignoring case, with ' ' and '-' read as '_'); keep one`) {
		t.Errorf("two utm_source columns: error %v", err)
	}
	// Unicode case rules are not used: a dotted capital I is not an i (the
	// column passes through, with a warning: TestHeaderLookalikes).
	got, _, err = run(t, &Config{Input: CSV, Output: Lines}, "url,utm_campaİgn\n"+slug+",x\n")
	if err != nil || got != slug+"\n" {
		t.Errorf("utm_campaİgn: got %q (%v), want it passed through", got, err)
	}
}

// Spaces and '-' inside a name are read as '_': "utm campaign" and
// "utm-campaign" set the campaign. Every column or key that matches nothing
// but looks like a parameter (a typo away, or a UTM code without utm_)
// gets one warning, naming it and what it looks like, before the rows; it
// still passes through unchanged. Other names get none.
func TestHeaderLookalikes(t *testing.T) {
	in := "url,utm campaign, utm_source ,campaign,utm_campagin,UTM-Term,Locael,presets,utm_id,note,owner,utm_campaİgn\n" +
		slug + ",c,s,d,e,t,fr,p,i,n,o,x\n" + slug + ",c2,s2,d,e,t,fr,p,i,n,o,x\n"
	var warn, all bytes.Buffer
	got, stats, err := run(t, &Config{Input: CSV, Output: Lines, Warnings: &warn, AllWarnings: &all}, in)
	want := slug + "?utm_source=s&utm_campaign=c&utm_term=t\n" + slug + "?utm_source=s2&utm_campaign=c2&utm_term=t\n"
	if err != nil || got != want || stats.Failed != 0 {
		t.Fatalf("got %q (%v, %+v), want %q", got, err, stats, want)
	}
	const tail = " but is not it: it is passed through unchanged and sets nothing; name it "
	wantWarn := `line 1: warning: column "campaign" looks like utm_campaign` + tail + "utm_campaign if it holds utm_campaign values\n" +
		`line 1: warning: column "utm_campagin" looks like utm_campaign` + tail + "utm_campaign if it holds utm_campaign values\n" +
		`line 1: warning: column "Locael" looks like locale` + tail + "locale if it holds locale values\n" +
		`line 1: warning: column "presets" looks like preset` + tail + "preset if it holds preset values\n" +
		`line 1: warning: column "utm_campaİgn" looks like utm_campaign` + tail + "utm_campaign if it holds utm_campaign values\n"
	if warn.String() != wantWarn {
		t.Errorf("warnings:\n%s\nwant:\n%s", warn.String(), wantWarn)
	}
	if all.String() != wantWarn {
		t.Errorf("--warnings FILE:\n%s\nwant:\n%s", all.String(), wantWarn)
	}

	// JSON Lines: the same matching, and each lookalike key warned about
	// once, on the line where it first appears.
	jin := `{"url":"` + slug + `","utm-source":"a","note":1}` + "\n" +
		`{"url":"` + slug + `","utm_campagin":"x","UTM Medium":"m"}` + "\n" +
		`{"url":"` + slug + `","utm_campagin":"y","source":"z"}` + "\n"
	warn.Reset()
	got, _, err = run(t, &Config{Input: JSONL, Output: Lines, Warnings: &warn}, jin)
	want = slug + "?utm_source=a\n" + slug + "?utm_medium=m\n" + slug + "\n"
	if err != nil || got != want {
		t.Errorf("JSON Lines: got %q (%v), want %q", got, err, want)
	}
	wantWarn = `line 2: warning: key "utm_campagin" looks like utm_campaign` + tail + "utm_campaign if it holds utm_campaign values\n" +
		`line 3: warning: key "source" looks like utm_source` + tail + "utm_source if it holds utm_source values\n"
	if warn.String() != wantWarn {
		t.Errorf("JSON Lines warnings:\n%s\nwant:\n%s", warn.String(), wantWarn)
	}
}

// Two names matched as one are refused (CSV: the run, exit 2) or fail the
// row (JSON Lines), naming both spellings and why they are one.
func TestNamesMatchedTwice(t *testing.T) {
	_, _, err := run(t, &Config{Input: CSV, Output: Lines}, "url,utm-campaign,utm campaign\n"+slug+",a,b\n")
	if err == nil || err.Error() != `line 1: columns "utm-campaign" and "utm campaign" are the same column, utm_campaign (columns are matched ignoring case, with ' ' and '-' read as '_'); keep one` {
		t.Errorf("CSV: %v", err)
	}
	var errs bytes.Buffer
	_, stats, err := run(t, &Config{Input: JSONL, Output: Lines, Errors: &errs}, `{"url":"`+slug+`","utm_source":"a","UTM_SOURCE":"b"}`+"\n")
	want := `line 1: keys "utm_source" and "UTM_SOURCE" are the same key, utm_source (keys are matched ignoring case, with ' ' and '-' read as '_'); keep one` + "\n"
	if err != nil || stats.Failed != 1 || errs.String() != want {
		t.Errorf("JSON Lines: %v, %+v, errors %q, want %q", err, stats, errs.String(), want)
	}
}

// A header of many lookalike columns gets ten warnings and a count.
func TestHeaderLookalikesBounded(t *testing.T) {
	in := "url" + strings.Repeat(",source", 1000) + "\n"
	var warn bytes.Buffer
	if _, _, err := run(t, &Config{Input: CSV, Output: Lines, Warnings: &warn}, in); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(warn.String(), "\n"), "\n")
	if len(lines) != 11 || lines[10] != "line 1: warning: 990 more columns look like parameters and pass through unchanged" {
		t.Errorf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
}
