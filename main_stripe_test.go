package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/paylink/paylink/internal/testutil"
)

// stripeMockFixtures are stripe-mock's fixtures with a realistic payment
// link: see testdata/stripe-mock/derive.sh.
const stripeMockFixtures = "testdata/stripe-mock/fixtures.json"

// hasStripeMock is the condition [stripemock]: scripts start with
// "[!stripemock] skip". Under CI=true a missing stripe-mock is an error,
// which fails the script instead of skipping it.
func hasStripeMock() (bool, error) {
	_, err := testutil.StripeMockPath()
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, testutil.ErrNoStripeMock) && os.Getenv("CI") != "true":
		return false, nil
	}
	return false, err
}

// startStripeMock runs "stripemock [FIXTURES]": it starts stripe-mock (with
// FIXTURES, a path from the repository root, instead of stripeMockFixtures)
// on a free port for the rest of the script and points
// PAYLINK_STRIPE_API_BASE at it.
func startStripeMock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 1 {
		ts.Fatalf("usage: stripemock [FIXTURES]")
	}
	fixtures := stripeMockFixtures
	if len(args) == 1 { // another fixtures file of the repository's, e.g. reconcile's sessions
		fixtures = args[0]
	}
	fixtures, err := filepath.Abs(fixtures)
	ts.Check(err)
	m, err := testutil.StartStripeMock(fixtures)
	ts.Check(err)
	ts.Defer(m.Close)
	ts.Setenv("PAYLINK_STRIPE_API_BASE", m.URL)
}

// startStripeReplay runs "stripereplay FILE...": it starts an HTTP server
// that answers requests with the recorded responses in the files, in turn
// (see testutil.ParseRecorded), points PAYLINK_STRIPE_API_BASE and
// STRIPE_REPLAY_URL at it, and logs each request it gets to
// $WORK/stripe-requests.log.
func startStripeReplay(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: stripereplay FILE...")
	}
	var rs []testutil.Recorded
	for _, name := range args {
		r, err := testutil.ParseRecorded([]byte(ts.ReadFile(name)))
		if err != nil {
			ts.Fatalf("%s: %v", name, err)
		}
		rs = append(rs, r)
	}
	log, err := os.Create(ts.MkAbs("stripe-requests.log"))
	ts.Check(err)
	s := testutil.NewStripeReplay(rs, log)
	ts.Defer(func() {
		s.Close()
		log.Close()
	})
	ts.Setenv("PAYLINK_STRIPE_API_BASE", s.URL)
	ts.Setenv("STRIPE_REPLAY_URL", s.URL)
}

// noKey runs "nokey": it fails if the last command's stdout or stderr
// shows the Stripe key in $STRIPE_API_KEY or in the file $KEYFILE names,
// or any 12 characters of it in a row.
func noKey(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: nokey")
	}
	var keys []string
	if k := ts.Getenv("STRIPE_API_KEY"); k != "" {
		keys = append(keys, k)
	}
	if f := ts.Getenv("KEYFILE"); f != "" {
		keys = append(keys, strings.TrimSpace(ts.ReadFile(f)))
	}
	if len(keys) == 0 {
		ts.Fatalf("nokey: neither STRIPE_API_KEY nor KEYFILE is set")
	}
	for _, stream := range []string{"stdout", "stderr"} {
		out := ts.ReadFile(stream)
		for _, k := range keys {
			for i := 0; i+12 <= len(k); i++ {
				if strings.Contains(out, k[i:i+12]) {
					ts.Fatalf("%s shows (part of) the Stripe key: %q", stream, k[i:i+12])
				}
			}
		}
	}
}

// idempotencyKey is the shape of the Idempotency-Key paylink derives.
var idempotencyKey = regexp.MustCompile(`paylink-[0-9a-f]{32}`)

// redactKeys runs "redactkeys FILE": it writes each Idempotency-Key in FILE
// as KEY, so a script compares the rest of a request byte for byte (the
// key is a hash, which a script cannot work out by hand; scripts compare
// keys between runs instead).
func redactKeys(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: redactkeys FILE")
	}
	name := ts.MkAbs(args[0])
	b, err := os.ReadFile(name)
	ts.Check(err)
	ts.Check(os.WriteFile(name, idempotencyKey.ReplaceAll(b, []byte("KEY")), 0o644))
}
