package reconcile

import (
	"math"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/textin"
)

const base = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

func index(t *testing.T, by []string, format textin.Format, input string) (*Index, error) {
	t.Helper()
	ix := NewIndex(by)
	return ix, ix.Read("links", strings.NewReader(input), format)
}

func TestIndexFormats(t *testing.T) {
	csvIn := "url,client_reference_id,link,error\n" +
		"x,a," + base + "?utm_source=news&utm_medium=email&client_reference_id=a,\n" +
		"x,b@,,\"client_reference_id \"\"b@\"\": bad\"\n" +
		"x,,\"" + base + "?utm_source=news&utm_medium=email\",\n" +
		"x,a," + base + "?utm_source=news&utm_medium=email&client_reference_id=a,\n" // the same link again
	jsonlIn := `{"url":"x","link":"` + base + `?utm_source=news&utm_medium=email&client_reference_id=a","error":null}` + "\n\n" +
		`{"url":"x","link":"","error":"bad"}` + "\n" +
		`{"link":"` + base + `?utm_source=news&utm_medium=email","extra":[1,2]}` + "\n"
	linesIn := "# campaign links\n" + base + "?utm_source=news&utm_medium=email&client_reference_id=a\n\n" +
		"  " + base + "?utm_medium=email&utm_source=news  \n"
	for _, tc := range []struct {
		name      string
		format    textin.Format
		input     string
		errorRows int
	}{
		{"csv", textin.CSV, csvIn, 1},
		{"csv with a BOM", textin.CSV, "\uFEFF" + csvIn, 1},
		{"jsonl", textin.JSONL, jsonlIn, 1},
		{"lines", textin.Lines, linesIn, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := index(t, DefaultBy, tc.format, tc.input)
			if err != nil {
				t.Fatal(err)
			}
			if ix.Links() != 2 || ix.ErrorRows != tc.errorRows || ix.NoReference != 1 || len(ix.groups) != 1 {
				t.Errorf("links %d, error rows %d, without reference %d, groups %d; want 2, %d, 1, 1",
					ix.Links(), ix.ErrorRows, ix.NoReference, len(ix.groups), tc.errorRows)
			}
			if g := ix.groups[0]; strings.Join(g.values, "|") != "news|email|" || g.links != 2 {
				t.Errorf("group %q with %d links, want news|email| with 2", g.values, g.links)
			}
		})
	}
}

func TestIndexErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format textin.Format
		input  string
		want   string
	}{
		{"conflicting groups", textin.Lines, base + "?utm_source=a&client_reference_id=r1\n\n" + base + "?utm_source=b&client_reference_id=r1\n",
			`links:3: client_reference_id "r1" is on a link grouped as utm_source="b" utm_medium="" utm_campaign="", but links:1 has it on a link grouped as utm_source="a"`},
		{"reference twice", textin.Lines, base + "?client_reference_id=r1&client_reference_id=r2\n", `links:1: client_reference_id twice, "r1" and "r2"`},
		{"no link column", textin.CSV, "url,utm_source\nx,y\n", `links:1: no link column in the header "url,utm_source"`},
		{"empty csv", textin.CSV, "", "links: empty"},
		{"bad csv quote", textin.CSV, "link\n\"a\n", `links:2: extraneous or missing " in quoted-field`},
		{"short row", textin.CSV, "url,link\nx\n", "links:2: 1 fields, but the link column is field 2"},
		{"jsonl not an object", textin.JSONL, "[1]\n", "links:1: not a JSON object with a link key"},
		{"jsonl without link", textin.JSONL, `{"url":"x"}` + "\n", `links:1: no "link" key`},
		{"line over 8 MiB", textin.Lines, "a\n" + strings.Repeat("x", 8<<20+10) + "\n", "links:2: longer than 8 MiB"},
		{"csv line over 8 MiB", textin.CSV, "link\n" + strings.Repeat("x", 8<<20+10) + "\n", "links:2: longer than 8 MiB"},
		{"jsonl line over 8 MiB", textin.JSONL, "\n\n" + strings.Repeat("x", 8<<20+10), "links:3: longer than 8 MiB"},
		// Excel's "Unicode Text": the hint to save as UTF-8, not a header of
		// NUL bytes ("no link column in the header \"\xff\xfel\x00i...").
		{"utf-16 csv", textin.CSV, "\xff\xfel\x00i\x00n\x00k\x00\n\x00", `links: the input is UTF-16 text (as Excel's "Unicode Text" saves it); paylink reads UTF-8: save it as UTF-8`},
		{"utf-16 lines", textin.Lines, "h\x00t\x00t\x00p\x00", "links: the input is UTF-16 text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := index(t, DefaultBy, tc.format, tc.input)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestIndexValues reads values as Stripe does: decoded, '+' a space, the
// fragment left out, a value not carried "".
func TestIndexValues(t *testing.T) {
	ix, err := index(t, []string{"utm_campaign", "utm_source"}, textin.Lines,
		base+"?utm_campaign=Spring+Sale%21&client_reference_id=r1#utm_source=x\n"+
			base+"?client_reference_id=r2&utm_campaign=Spring%20Sale!&utm_campaign=other\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.groups) != 1 || strings.Join(ix.groups[0].values, "|") != "Spring Sale!|" {
		t.Fatalf("groups %v, want one: [Spring Sale! \"\"]", ix.groups[0].values)
	}
	// A reference Stripe drops counts as none.
	ix, err = index(t, DefaultBy, textin.Lines, base+"?client_reference_id=jenny%40example.com\n")
	if err != nil || ix.NoReference != 1 || ix.DroppedRefs != 1 || len(ix.refs) != 0 {
		t.Fatalf("err %v, without reference %d, dropped %d, refs %d; want 1, 1, 0", err, ix.NoReference, ix.DroppedRefs, len(ix.refs))
	}
}

func TestCheckBy(t *testing.T) {
	for _, tc := range []struct {
		by   []string
		want string
	}{
		{[]string{"utm_campaign"}, ""},
		{[]string{"utm_term", "locale", "prefilled_promo_code"}, ""},
		{nil, "--by is empty"},
		{[]string{"client_reference_id"}, `--by "client_reference_id": not a parameter to group by`},
		{[]string{"utm_source", "utm_source"}, `--by names "utm_source" twice`},
	} {
		err := CheckBy(tc.by)
		if (tc.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckBy(%q) = %v, want %q", tc.by, err, tc.want)
		}
	}
}

// reconcile runs links (one a line) against sessions and returns the report.
func reconcile(t *testing.T, by []string, links, sessions string) *Report {
	t.Helper()
	ix, err := index(t, by, textin.Lines, links)
	if err != nil {
		t.Fatal(err)
	}
	tally := ix.Tally()
	if _, err := ReadSessions("s", strings.NewReader(sessions), tally); err != nil {
		t.Fatal(err)
	}
	r, err := tally.Report()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var (
	testLinks = strings.Join([]string{
		base + "?utm_source=newsletter&utm_medium=email&utm_campaign=spring&client_reference_id=o1",
		base + "?utm_source=newsletter&utm_medium=email&utm_campaign=spring&client_reference_id=o2",
		base + "?utm_source=google&utm_medium=cpc&utm_campaign=spring&client_reference_id=o3",
		base + "?utm_source=google&utm_medium=cpc&utm_campaign=spring",
		base + "?utm_source=partner&client_reference_id=o5",
	}, "\n")
	testSessions = strings.Join([]string{
		sess("cs_1", "o1", 12345, "usd"),
		sess("cs_2", "o3", 5000, "jpy"),
		sess("cs_3", "o3", 2000, "usd"),
		sess("cs_1", "o1", 12345, "usd"), // a webhook retried
		sess("cs_4", "o99", 999, "usd"),  // a reference on no link
		sess("cs_5", "", 100, "usd"),     // no reference
		sess("cs_6", "o1", 7, "usd")[:0] + `{"id":"cs_6","object":"checkout.session","status":"expired","payment_status":"unpaid","amount_total":100,"currency":"usd","client_reference_id":"o2"}`,
		sess("cs_7", "o3", 3000, "jpy"),
	}, "\n")
)

func TestReportJSON(t *testing.T) {
	r := reconcile(t, DefaultBy, testLinks, testSessions)
	var b strings.Builder
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	// Worked out by hand: newsletter has o1 paid once (cs_1, 123.45 USD; its
	// copy counts once) and o2 never paid; google has o3 paid 20.00 USD and
	// 5000 + 3000 JPY, and a link without reference; partner o5 is unpaid.
	// USD comes first: it has the most paid sessions matched (2 against 2,
	// then by code: jpy < usd? no: 2 usd, 2 jpy -> jpy first by code).
	want := `{"groups":[` +
		`{"group":{"utm_source":"google","utm_medium":"cpc","utm_campaign":"spring"},"links":2,"paid":3,"pending":0,"failed":0,` +
		`"amounts":{"jpy":"8000","usd":"20.00"},"refunded":{},"renewals":{},"net":{"jpy":"8000","usd":"20.00"}},` +
		`{"group":{"utm_source":"newsletter","utm_medium":"email","utm_campaign":"spring"},"links":2,"paid":1,"pending":0,"failed":0,` +
		`"amounts":{"usd":"123.45"},"refunded":{},"renewals":{},"net":{"usd":"123.45"}},` +
		`{"group":{"utm_source":"partner","utm_medium":"","utm_campaign":""},"links":1,"paid":0,"pending":0,"failed":0,` +
		`"amounts":{},"refunded":{},"renewals":{},"net":{}}],` +
		`"unmatched_sessions":1,"sessions_without_reference":1,"links_without_reference":1,"unpaid_links":2,` +
		`"attributed_by_reference":4,"attributed_by_metadata":0,"pending_sessions":0,"failed_sessions":0,` +
		`"unattributed_refunds":0,"unattributed_renewals":0}` + "\n"
	if b.String() != want {
		t.Errorf("JSON\n%s\nwant\n%s", b.String(), want)
	}
}

func TestReportCSV(t *testing.T) {
	r := reconcile(t, []string{"utm_source"}, testLinks, testSessions)
	var b strings.Builder
	if err := r.WriteCSV(&b, func(s string) string { return "<" + s + ">" }); err != nil {
		t.Fatal(err)
	}
	// links and paid once per group: on google's second currency row they
	// are empty, so the paid column sums to the 4 paid sessions claimed.
	want := "utm_source,links,paid,currency,amount,refunded,renewals,net\n" +
		"<google>,2,3,jpy,8000,0,0,8000\n" +
		"<google>,,,usd,20.00,0.00,0.00,20.00\n" +
		"<newsletter>,2,1,usd,123.45,0.00,0.00,123.45\n" +
		"<partner>,1,0,,,,,\n"
	if b.String() != want {
		t.Errorf("CSV\n%s\nwant\n%s", b.String(), want)
	}
}

func TestReportTable(t *testing.T) {
	// USD only, so the bar is of USD: 300 of 400 and 100 of 400.
	r := reconcile(t, []string{"utm_source"},
		base+"?utm_source=a&client_reference_id=r1\n"+base+"?utm_source=bb&client_reference_id=r2\n"+base+"?client_reference_id=r3\n",
		sess("cs_1", "r1", 100, "usd")+sess("cs_2", "r2", 300, "usd"))
	var b strings.Builder
	if err := r.WriteTable(&b, TableOptions{Width: 60, Text: func(s string) string { return s }}); err != nil {
		t.Fatal(err)
	}
	// Columns: SOURCE(6) LINKS(5) PAID(4) CONV(6) CUR(3) GROSS(5) SHARE(5),
	// six gaps of 2: 46 columns; no refund nor renewal, so no REFUNDED,
	// RENEWALS or NET. The bar gets 60-46-2 = 12 columns, 96 eighths: 75%
	// is 72 eighths (9 full blocks), 25% is 24 (3).
	want := "" +
		"SOURCE  LINKS  PAID    CONV  CUR  GROSS  SHARE\n" +
		"bb          1     1  100.0%  USD   3.00  75.0%  █████████\n" +
		"a           1     1  100.0%  USD   1.00  25.0%  ███\n" +
		"(none)      1     0    0.0%  -        -      -\n" +
		"\n" +
		"unmatched sessions          0\n" + // 60 columns: no room for the explanations
		"sessions without reference  0\n" +
		"links without reference     0\n" +
		"unpaid links                1\n" +
		"attributed by reference     2\n" +
		"attributed by metadata      0\n" +
		"pending sessions            0\n" +
		"failed sessions             0\n" +
		"unattributed refunds        0\n" +
		"unattributed renewals       0\n"
	if b.String() != want {
		t.Errorf("table\n%s\nwant\n%s", b.String(), want)
	}
}

// TestTableFits cuts long group values so the table and a bar fit.
func TestTableFits(t *testing.T) {
	long := strings.Repeat("x", 60)
	r := reconcile(t, []string{"utm_campaign"}, base+"?utm_campaign="+long+"&client_reference_id=r1\n", sess("cs_1", "r1", 100, "usd"))
	var b strings.Builder
	if err := r.WriteTable(&b, TableOptions{Width: 70, Text: func(s string) string { return s }}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	for _, l := range lines[:2] {
		if n := len([]rune(l)); n > 70 {
			t.Errorf("line %q is %d columns, want at most 70", l, n)
		}
	}
	if !strings.Contains(lines[1], "xxxx…") || !strings.HasSuffix(lines[1], strings.Repeat("█", wantBar)) {
		t.Errorf("row %q: want the value cut with … and a full bar of %d", lines[1], wantBar)
	}
}

// TestTableStackedWhenNarrow: at 50 columns three group columns and two
// currencies cannot fit as a table, so each group becomes a block; no line
// is wider than the terminal and no number is cut.
func TestTableStackedWhenNarrow(t *testing.T) {
	by := []string{"utm_source", "utm_medium", "utm_campaign"}
	links := base + "?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale_2026&client_reference_id=r1\n" +
		base + "?utm_source=partner_site&utm_medium=referral&utm_campaign=autumn_clearance&client_reference_id=r2\n"
	r := reconcile(t, by, links, sess("cs_1", "r1", 1999, "usd")+"\n"+sess("cs_2", "r2", 5000, "jpy")+"\n")
	var b strings.Builder
	if err := r.WriteTable(&b, TableOptions{Width: 50, Text: func(s string) string { return s }}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 50 {
			t.Errorf("line %q is %d columns, want at most 50", l, n)
		}
	}
	// Worked out by hand: JPY and USD have one paid session each, so the
	// currencies are ordered by code; the JPY group has the larger amount
	// of the first currency and comes first. Each group is all of its
	// currency: SHARE is per currency, 100% both (it was 0.0% for USD).
	want := "partner_site / referral / autumn_clearance\n" +
		"  LINKS 1  PAID 1  CONV 100.0%\n" +
		"  JPY  GROSS 5000  SHARE 100.0%\n" +
		"newsletter / email / spring_sale_2026\n" +
		"  LINKS 1  PAID 1  CONV 100.0%\n" +
		"  USD  GROSS 19.99  SHARE 100.0%\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("table at 50 columns:\n%s\nwant it to start\n%s", out, want)
	}
	if !strings.Contains(out, "\nunmatched sessions          0\n") {
		t.Errorf("counts at 50 columns:\n%s\nwant them without their explanations", out)
	}
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		part, whole int64
		n, want     uint64
	}{
		{1, 3, 8, 3}, // 2.67 rounds to 3
		{1, 2, 1000, 500},
		{0, 5, 100, 0},
		{5, 0, 100, 0},
		{math.MaxInt64, math.MaxInt64, 4000, 4000},
		{math.MaxInt64 / 2, math.MaxInt64, 1000, 500},
		{50, 1, 1000, 50000},
		{math.MaxInt64, 1, math.MaxUint64, math.MaxUint64},
	} {
		if got := scale(tc.part, tc.whole, tc.n); got != tc.want {
			t.Errorf("scale(%d, %d, %d) = %d, want %d", tc.part, tc.whole, tc.n, got, tc.want)
		}
	}
	if got := percent(2, 3); got != "66.7%" {
		t.Errorf("percent(2, 3) = %q, want 66.7%%", got)
	}
}

// TestTallyOverflow refuses a total that no longer fits instead of
// printing a wrong one.
func TestTallyOverflow(t *testing.T) {
	ix, _ := index(t, DefaultBy, textin.Lines, base+"?client_reference_id=r1\n")
	tally := ix.Tally()
	_, err := ReadSessions("s", strings.NewReader(sess("cs_1", "r1", 0, "usd")[:0]+
		`{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":9223372036854775807,"currency":"usd","client_reference_id":"r1"}`+
		`{"id":"cs_2","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":1,"currency":"usd","client_reference_id":"r1"}`), tally)
	if err == nil || !strings.Contains(err.Error(), `s:1: Checkout Session "cs_2": the usd total of its group no longer fits in 64 bits`) {
		t.Fatalf("error %v, want an overflow", err)
	}
	// cs_2's amount of 1 is real: the message must not blame it.
	if strings.Contains(err.Error(), "amount_total 1 ") {
		t.Errorf("error %v blames the amount 1 of cs_2", err)
	}
}

// TestSetupModeSession counts a session that needed no payment and has no
// amount as paid, adding no amount in any currency.
func TestSetupModeSession(t *testing.T) {
	r := reconcile(t, []string{"utm_source"}, base+"?utm_source=a&client_reference_id=r1\n",
		`{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"no_payment_required","amount_total":null,"currency":null,"client_reference_id":"r1"}`)
	var b strings.Builder
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	want := `{"groups":[{"group":{"utm_source":"a"},"links":1,"paid":1,"pending":0,"failed":0,"amounts":{},"refunded":{},"renewals":{},"net":{}}],` +
		`"unmatched_sessions":0,"sessions_without_reference":0,"links_without_reference":0,"unpaid_links":0,` +
		`"attributed_by_reference":1,"attributed_by_metadata":0,"pending_sessions":0,"failed_sessions":0,"unattributed_refunds":0,"unattributed_renewals":0}` + "\n"
	if b.String() != want {
		t.Errorf("JSON\n%s\nwant\n%s", b.String(), want)
	}
}
