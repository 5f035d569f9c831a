package bulk

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/link"
)

const slug = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

func run(t *testing.T, cfg *Config, in string) (string, Stats, error) {
	t.Helper()
	var out bytes.Buffer
	stats, err := Run(context.Background(), cfg, strings.NewReader(in), &out)
	return out.String(), stats, err
}

func medium(v string) link.Values {
	var vals link.Values
	vals.Put(link.UTMMedium, v)
	return vals
}

// TestFormats checks each input and output format on the same rows: a good
// one, one whose value is sanitized, one that fails. Outputs checked by hand.
func TestFormats(t *testing.T) {
	csvIn := "url,utm_source,note\n" +
		slug + ",news,\"hello, world\"\n" +
		slug + ",Été Sale!,x\n" +
		"ftp://x,a,\"say \"\"hi\"\"\"\n"
	jsonIn := `{"url":"` + slug + `","utm_source":"news","note":{"a": [1, "}"]}}` + "\n" +
		"\n" +
		`{"note":null,"url":"` + slug + `","utm_source":"Été Sale!"}` + "\n" +
		`{"url":"ftp://x","utm_source":"a"}` + "\n"
	linesIn := slug + "\n\nftp://x\r\n" + slug + "?utm_source=a"
	good := slug + "?utm_source=news&utm_medium=email"
	fixed := slug + "?utm_source=Ete-Sale&utm_medium=email"
	bad := `link "ftp://x": not an absolute https URL; payment links start with https://buy.stripe.com/`
	csvBad := `"link ""ftp://x"": not an absolute https URL; payment links start with https://buy.stripe.com/"`
	jsonBad := `"link \"ftp://x\": not an absolute https URL; payment links start with https://buy.stripe.com/"`
	tests := []struct {
		name    string
		in, out Format
		input   string
		want    string
		errs    string
	}{
		{"csv to csv", CSV, CSV, csvIn, "url,utm_source,note,link,error\n" +
			slug + ",news,\"hello, world\"," + good + ",\n" +
			slug + ",Été Sale!,x," + fixed + ",\n" +
			"ftp://x,a,\"say \"\"hi\"\"\",," + csvBad + "\n", "line 4: error: " + bad + "\n"},
		{"csv to jsonl", CSV, JSONL, csvIn,
			`{"url":"` + slug + `","utm_source":"news","note":"hello, world","link":"` + good + `","error":null}` + "\n" +
				`{"url":"` + slug + `","utm_source":"Été Sale!","note":"x","link":"` + fixed + `","error":null}` + "\n" +
				`{"url":"ftp://x","utm_source":"a","note":"say \"hi\"","link":"","error":` + jsonBad + `}` + "\n", "line 4: error: " + bad + "\n"},
		{"csv to lines", CSV, Lines, csvIn, good + "\n" + fixed + "\n\n", "line 4: " + bad + "\n"},
		{"jsonl to jsonl", JSONL, JSONL, jsonIn,
			`{"url":"` + slug + `","utm_source":"news","note":{"a": [1, "}"]},"link":"` + good + `","error":null}` + "\n" +
				`{"note":null,"url":"` + slug + `","utm_source":"Été Sale!","link":"` + fixed + `","error":null}` + "\n" +
				`{"url":"ftp://x","utm_source":"a","link":"","error":` + jsonBad + `}` + "\n", "line 4: error: " + bad + "\n"},
		{"jsonl to lines", JSONL, Lines, jsonIn, good + "\n" + fixed + "\n\n", "line 4: " + bad + "\n"},
		{"lines to lines", Lines, Lines, linesIn,
			slug + "?utm_medium=email\n\n\n" + slug + "?utm_source=a&utm_medium=email\n", "line 3: " + bad + "\n"},
		{"lines to csv", Lines, CSV, linesIn, "url,link,error\n" +
			slug + "," + slug + "?utm_medium=email,\n" +
			"ftp://x,," + csvBad + "\n" +
			slug + "?utm_source=a," + slug + "?utm_source=a&utm_medium=email,\n", "line 3: error: " + bad + "\n"},
		{"lines to jsonl", Lines, JSONL, linesIn,
			`{"url":"` + slug + `","link":"` + slug + `?utm_medium=email","error":null}` + "\n" +
				`{"url":"ftp://x","link":"","error":` + jsonBad + "}\n" +
				`{"url":"` + slug + `?utm_source=a","link":"` + slug + `?utm_source=a&utm_medium=email","error":null}` + "\n", "line 3: error: " + bad + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs bytes.Buffer
			cfg := &Config{Input: tt.in, Output: tt.out, Defaults: medium("email"), Errors: &errs}
			got, stats, err := run(t, cfg, tt.input)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", got, tt.want)
			}
			if errs.String() != tt.errs {
				t.Errorf("errors: %q, want %q", errs.String(), tt.errs)
			}
			if stats.Rows != 3 || stats.Failed != 1 {
				t.Errorf("stats %+v, want 3 rows, 1 failed", stats)
			}
		})
	}
}

// TestWarnings checks that a sanitized value is reported with its line.
func TestWarnings(t *testing.T) {
	var warn bytes.Buffer
	cfg := &Config{Input: CSV, Output: CSV, Warnings: &warn}
	if _, _, err := run(t, cfg, "url,utm_campaign\n"+slug+",ok\n"+slug+",Spring Sale\n"); err != nil {
		t.Fatal(err)
	}
	want := `line 3: warning: utm_campaign: "Spring Sale" → "Spring-Sale": ' ' replaced with '-' (letters, digits, '-' and '_' only)` + "\n"
	if warn.String() != want {
		t.Errorf("warnings %q, want %q", warn.String(), want)
	}
}

// TestLayers checks which value a row gets: its own cell, then its preset,
// then the defaults; an empty cell is "not set".
func TestLayers(t *testing.T) {
	presets := map[string]link.Values{"spring": {}}
	p := presets["spring"]
	p.Put(link.UTMCampaign, "spring")
	p.Put(link.UTMMedium, "social")
	presets["spring"] = p
	defaults := medium("email")
	defaults.Put(link.UTMSource, "flag")
	cfg := &Config{Input: CSV, Output: Lines, Defaults: defaults, Errors: io.Discard,
		Preset: func(name string) (link.Values, error) {
			v, ok := presets[name]
			if !ok {
				return v, errors.New("no such preset (known: spring)")
			}
			return v, nil
		}}
	got, stats, err := run(t, cfg, "url,preset,utm_medium,utm_source\n"+
		slug+",,,\n"+ // defaults only
		slug+",spring,,\n"+ // the preset over the defaults
		slug+",spring,cpc,row\n"+ // the row's own values over both
		slug+",autumn,,\n") // an unknown preset fails the row
	if err != nil {
		t.Fatal(err)
	}
	want := slug + "?utm_source=flag&utm_medium=email\n" +
		slug + "?utm_source=flag&utm_medium=social&utm_campaign=spring\n" +
		slug + "?utm_source=row&utm_medium=cpc&utm_campaign=spring\n" +
		"\n"
	if got != want || stats.Failed != 1 {
		t.Errorf("got %d failed:\n%s\nwant 1 failed:\n%s", stats.Failed, got, want)
	}
}

func TestPresetWithoutConfig(t *testing.T) {
	got, _, err := run(t, &Config{Input: CSV, Output: CSV}, "url,preset\n"+slug+",spring\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, `,"preset column: preset ""spring"": no config file is in use, so there are no presets`) {
		t.Errorf("no clear error for a preset without config:\n%s", got)
	}
}

// TestRowErrors checks values that fail a row but not the run.
func TestRowErrors(t *testing.T) {
	tests := []struct {
		name, format, input, want string
	}{
		{"invalid UTF-8 in a cell", "csv", "url,utm_source\n" + slug + ",a\xffb\n", `utm_source "a\xffb": not valid UTF-8`},
		{"invalid UTF-8 in a JSON value", "jsonl", `{"url":"` + slug + `","utm_term":"a` + "\xff" + `"}`, `utm_term "a\xff": not valid UTF-8`},
		{"invalid UTF-8 in a link", "jsonl", `{"url":"` + slug + "\xff" + `"}`, `not valid UTF-8`},
		{"a number as a value", "jsonl", `{"url":"` + slug + `","utm_source":42}`, "utm_source: 42 is not a JSON string"},
		{"a key twice", "jsonl", `{"url":"` + slug + `","utm_source":"a","utm_source":"b"}`, `key "utm_source" appears twice`},
		{"a bad client_reference_id", "csv", "url,client_reference_id\n" + slug + ",jenny@example.com\n", `client_reference_id "jenny@example.com": '@' and '.' are not allowed`},
		{"two problems", "csv", "url,client_reference_id,locale\n" + slug + ",a b,xx\n", "(paylink never rewrites it)\nline 2: locale \"xx\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := ParseFormat(tt.format)
			var errs bytes.Buffer
			got, stats, err := run(t, &Config{Input: f, Output: Lines, Errors: &errs}, tt.input)
			if err != nil {
				t.Fatal(err)
			}
			if got != "\n" || stats.Rows != 1 || stats.Failed != 1 || !strings.Contains(errs.String(), tt.want) {
				t.Errorf("stats %+v, output %q, errors:\n%s\nwant 1 failed row with %q", stats, got, errs.String(), tt.want)
			}
		})
	}
}

// TestMalformed checks that malformed input stops the run naming the line.
func TestMalformed(t *testing.T) {
	long := strings.Repeat("a", MaxLine+1)
	tests := []struct {
		name, format, input string
		line                int
		want                string
	}{
		{"empty csv", "csv", "", 1, "no header row"},
		{"no url column", "csv", "link,utm_source\nx,y\n", 1, `no url column in the header "link,utm_source"`},
		{"no url column after blank lines", "csv", "\n\nnote\nx\n", 3, "no url column"},
		{"a column twice", "csv", "url,utm_source,utm_source\n", 1, `column "utm_source" appears twice`},
		{"bare quote", "csv", "url,note\n" + slug + ",ok\n" + slug + `,a "b"` + "\n", 3, `column 50: bare " in non-quoted-field; quote a field`},
		{"unclosed quote", "csv", "url,note\n" + slug + `,"open` + "\n", 2, `extraneous or missing " in quoted-field`},
		{"field count", "csv", "url,note\n" + slug + ",a,b\n", 2, "3 fields, but the header has 2"},
		{"invalid json", "jsonl", `{"url":"` + slug + `"}` + "\n" + `{"url": nope}`, 2, "invalid JSON at byte 10: invalid character 'o'"},
		{"not an object", "jsonl", `["` + slug + `"]`, 1, "a JSON array, not an object"},
		{"no url key", "jsonl", `{"url":"` + slug + `"}` + "\n\n" + `{"link":"x"}`, 3, `no "url" key`},
		{"long csv line", "csv", "url,note\n" + slug + "," + long + "\n", 2, "longer than 1 MiB"},
		{"long jsonl line", "jsonl", `{"url":"` + long + `"}`, 1, "longer than 1 MiB"},
		{"long last line", "lines", slug + "\n" + slug + "\n" + long, 3, "longer than 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := ParseFormat(tt.format)
			_, _, err := run(t, &Config{Input: f, Output: f}, tt.input)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v, want an *InputError", err)
			}
			if ie.Line != tt.line || !strings.Contains(ie.Msg, tt.want) {
				t.Errorf("got %q, want line %d: ...%s...", err, tt.line, tt.want)
			}
		})
	}
}

func TestLineOfExactlyMaxLine(t *testing.T) {
	u := slug + "?x=" + strings.Repeat("a", MaxLine-len(slug)-3)
	_, stats, err := run(t, &Config{Input: Lines, Output: Lines}, u+"\n"+slug+"\n")
	if err != nil || stats.Rows != 2 {
		t.Errorf("a line of exactly 1 MiB: %v, %+v; want it read", err, stats)
	}
}

func TestLinkAndErrorColumnsReplaced(t *testing.T) {
	got, _, err := run(t, &Config{Input: CSV, Output: CSV}, "link,url,error\nold,"+slug+",old error\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "link,url,error\n" + slug + "," + slug + ",\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestConfigCheck(t *testing.T) {
	if err := (&Config{Input: JSONL, Output: CSV}).Check(); err == nil {
		t.Error("jsonl to csv accepted")
	}
}

// TestMatchesSingleBuilds runs 100k generated rows, valid and not, and
// checks that every one comes out, in order, exactly as building it alone
// with link.Build gives.
func TestMatchesSingleBuilds(t *testing.T) {
	n := 100_000
	if raceEnabled {
		n = 10_000 // ten batches still: the order across batches is tested
	}
	in, rows := mixedCSV(n)
	defaults := medium("email")
	opts := link.Options{Lowercase: true}
	var out bytes.Buffer
	stats, err := Run(context.Background(), &Config{Input: CSV, Output: CSV, Defaults: defaults, Options: opts}, bytes.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&out)
	header, err := r.Read()
	if err != nil || strings.Join(header, ",") != "url,utm_source,utm_campaign,client_reference_id,id,link,error" {
		t.Fatalf("header %q, %v", header, err)
	}
	failed := 0
	for i, want := range rows {
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		if rec[4] != strconv.Itoa(i) {
			t.Fatalf("row %d came out as row %s", i, rec[4])
		}
		wantLink, wantErr := single(want, defaults, opts)
		if rec[5] != wantLink || rec[6] != wantErr {
			t.Fatalf("row %d: got %q %q, want %q %q", i, rec[5], rec[6], wantLink, wantErr)
		}
		if wantErr != "" {
			failed++
		}
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("more rows than went in: %v", err)
	}
	if stats.Rows != int64(n) || stats.Failed != int64(failed) || failed == 0 || failed == n {
		t.Errorf("stats %+v, want %d rows, %d failed (some, not all)", stats, n, failed)
	}
}

// single builds one row as `paylink build` does for one link.
func single(rec []string, defaults link.Values, opts link.Options) (string, string) {
	vals := defaults
	for i, id := range []link.ID{link.UTMSource, link.UTMCampaign, link.ClientReferenceID} {
		if rec[i+1] != "" {
			vals.Put(id, rec[i+1])
		}
	}
	l, err := link.Parse(rec[0], nil)
	if err != nil {
		return "", err.Error()
	}
	res, problems := link.Build(l, &vals, opts)
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	return res.Link, strings.Join(msgs, " | ")
}

// mixedCSV generates n rows mixing good values, values to sanitize, bad
// ones, empty cells, existing queries and bad links.
func mixedCSV(n int) ([]byte, [][]string) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"url", "utm_source", "utm_campaign", "client_reference_id", "id"})
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{
			pick(slug, slug+"?utm_source=old&x=1", slug+"#top", "https://buy.stripe.com/test_"+strconv.Itoa(i), "http://buy.stripe.com/x", "https://evil.example/x"),
			pick("news", "", "Été Sale", "google ads", "a,b", "UPPER"),
			pick("spring_2026", "", "  Spring Sale! ", "x\"y", strings.Repeat("c", 151)),
			pick("order-"+strconv.Itoa(i), "", "jenny@example.com", "cus_42"),
			strconv.Itoa(i),
		}
		w.Write(rows[i])
	}
	w.Flush()
	return buf.Bytes(), rows
}

// TestStreaming feeds rows through a pipe one at a time, each only after the
// output of the one before has come out: a reader of the output sees rows
// before the input ends.
func TestStreaming(t *testing.T) {
	for _, f := range []Format{CSV, JSONL, Lines} {
		t.Run(string(f), func(t *testing.T) {
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			done := make(chan error, 1)
			go func() {
				_, err := Run(context.Background(), &Config{Input: f, Output: f}, inR, outW)
				outW.CloseWithError(err)
				done <- err
			}()
			lines := make(chan string)
			go func() {
				defer close(lines)
				var buf []byte
				b := make([]byte, 4096)
				for {
					n, err := outR.Read(b)
					buf = append(buf, b[:n]...)
					for {
						i := bytes.IndexByte(buf, '\n')
						if i < 0 {
							break
						}
						lines <- string(buf[:i])
						buf = buf[i+1:]
					}
					if err != nil {
						return
					}
				}
			}()
			if f == CSV {
				io.WriteString(inW, "url,id\n")
				expectLine(t, lines, "url,id,link,error")
			}
			for i := range 5 {
				u := "https://buy.stripe.com/test_row" + strconv.Itoa(i)
				switch f {
				case CSV:
					io.WriteString(inW, u+","+strconv.Itoa(i)+"\n")
				case JSONL:
					io.WriteString(inW, `{"url":"`+u+`"}`+"\n")
				default:
					io.WriteString(inW, u+"\n")
				}
				expectLine(t, lines, u) // the row is out while the input is still open
			}
			inW.Close()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func expectLine(t *testing.T, lines <-chan string, contains string) {
	t.Helper()
	select {
	case l := <-lines:
		if !strings.Contains(l, contains) {
			t.Fatalf("output line %q, want one with %q", l, contains)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no output for %q while the input waits: rows are not flushed", contains)
	}
}

// failingWriter fails after n bytes, like a closed pipe.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

func TestOutputFails(t *testing.T) {
	in, _ := mixedCSV(20_000)
	_, err := Run(context.Background(), &Config{Input: CSV, Output: CSV}, bytes.NewReader(in), &failingWriter{100_000})
	var oe *OutputError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("error %v, want an *OutputError", err)
	}
}

// With csv or jsonl output a failed row's message is in its error column,
// and stderr names the first ShownErrors failed rows too, then each kind
// of error once with how many rows had it: a run saying "7 failed" says
// which and why.
func TestFailedRowsNamed(t *testing.T) {
	in := "url,client_reference_id\n" +
		slug + ",ok\n" + // line 2 builds
		"ftp://a,\n" + slug + ",a@b\n" + "ftp://b,\n" + slug + ",c d\n" +
		"ftp://c,\n" + slug + ",e.f\n" + "ftp://d,\n" // lines 3 to 9 fail
	for _, out := range []Format{CSV, JSONL} {
		var errs bytes.Buffer
		_, stats, err := run(t, &Config{Input: CSV, Output: out, Errors: &errs}, in)
		if err != nil || stats.Failed != 7 {
			t.Fatalf("%s: %v, %+v", out, err, stats)
		}
		lines := strings.Split(strings.TrimSuffix(errs.String(), "\n"), "\n")
		named := []string{
			`line 3: error: link "ftp://a": not an absolute https URL`,
			`line 4: error: client_reference_id "a@b": `,
			`line 5: error: link "ftp://b": not an absolute https URL`,
			`line 6: error: client_reference_id "c d": `,
			`line 7: error: link "ftp://c": not an absolute https URL`,
		}
		want := []string{
			"error: link: The link is not an absolute https URL (link-not-https): in 4 rows, first at line 3",
			"error: client_reference_id: client_reference_id breaks Stripe's rule (client-reference-id-invalid): in 3 rows, first at line 4",
			"7 rows failed in all, 5 named in full; the output's error column has every message",
		}
		if len(lines) != len(named)+len(want) {
			t.Fatalf("%s: stderr\n%s\nwant 5 rows named, 2 kinds and a total", out, errs.String())
		}
		for i, prefix := range named {
			if !strings.HasPrefix(lines[i], prefix) {
				t.Errorf("%s: line %d of stderr %q, want it to start %q", out, i+1, lines[i], prefix)
			}
		}
		for i, w := range want {
			if got := lines[len(named)+i]; got != w {
				t.Errorf("%s: stderr line %d\n%q, want\n%q", out, len(named)+i+1, got, w)
			}
		}
	}
}
