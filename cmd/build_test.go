package cmd

import (
	"testing"

	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
)

// parseBuild runs `paylink build ARGS` up to the run function and returns
// the options the flags produced.
func parseBuild(t *testing.T, args ...string) *BuildOptions {
	t.Helper()
	streams, _, _, _ := iostreams.Test()
	var got *BuildOptions
	c := NewBuildCmd(testFactory(streams), func(o *BuildOptions) error { got = o; return nil })
	c.SetArgs(args)
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestBuildFlagsSetOnlyWhatWasGiven(t *testing.T) {
	o := parseBuild(t, "https://buy.stripe.com/x", "-s", "news", "--utm-term", "", "-r", "order-1", "--locale", "fr",
		"--strict", "--lowercase", "--allow-domain", "a.example", "--allow-domain", "b.example", "--format", "json")
	want := map[link.ID]string{link.UTMSource: "news", link.UTMTerm: "", link.ClientReferenceID: "order-1", link.Locale: "fr"}
	for _, p := range link.Params {
		v, given := want[p.ID]
		if o.Values.Set[p.ID] != given || o.Values.Value[p.ID] != v {
			t.Errorf("%s: set=%v value=%q, want set=%v value=%q", p.Name, o.Values.Set[p.ID], o.Values.Value[p.ID], given, v)
		}
	}
	if !o.Link.Strict || !o.Link.Lowercase || o.Format != "json" || len(o.Domains) != 2 || o.URL != "https://buy.stripe.com/x" {
		t.Errorf("options %+v", o)
	}
}

func TestBuildShortFlagsFollowTheTable(t *testing.T) {
	o := parseBuild(t, "https://buy.stripe.com/x", "-s", "1", "-m", "2", "-c", "3")
	for id, v := range map[link.ID]string{link.UTMSource: "1", link.UTMMedium: "2", link.UTMCampaign: "3"} {
		if o.Values.Value[id] != v {
			t.Errorf("%s = %q, want %q", link.Params[id].Name, o.Values.Value[id], v)
		}
	}
}

func TestRunBuildWritesOnlyTheLinkToStdout(t *testing.T) {
	streams, _, out, errOut := iostreams.Test()
	o := &BuildOptions{IO: streams, URL: "https://buy.stripe.com/test_x", Format: "text"}
	o.Values.Put(link.UTMCampaign, "Spring Sale")
	built, err := runBuild(o)
	if err != nil {
		t.Fatal(err)
	}
	// The link is returned for --copy and the QR codes, and printed alone.
	const want = "https://buy.stripe.com/test_x?utm_campaign=Spring-Sale"
	if built != want {
		t.Errorf("runBuild returned %q, want %q", built, want)
	}
	if got := out.String(); got != want+"\n" {
		t.Errorf("stdout %q", got)
	}
	if got := errOut.String(); got != "warning: utm_campaign: \"Spring Sale\" → \"Spring-Sale\": ' ' replaced with '-' (letters, digits, '-' and '_' only)\n" {
		t.Errorf("stderr %q", got)
	}
}
