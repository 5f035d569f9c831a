package testutil

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// ReplayDelayHeader in a recorded response makes the replay server wait
// that long (a Go duration) before answering, or until the client gives up:
// a Stripe that does not answer in time.
const ReplayDelayHeader = "X-Replay-Delay"

// Recorded is one HTTP response as the replay server sends it.
type Recorded struct {
	Status int
	Header http.Header
	Body   []byte
	Delay  time.Duration
}

// ParseRecorded reads a response written as on the wire:
//
//	HTTP/1.1 200 OK
//	Content-Type: application/json
//
//	{"object": "list", ...}
func ParseRecorded(b []byte) (Recorded, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), nil)
	if err != nil {
		return Recorded{}, fmt.Errorf("not an HTTP response: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return Recorded{}, err
	}
	r := Recorded{Status: resp.StatusCode, Header: resp.Header, Body: body}
	if d := resp.Header.Get(ReplayDelayHeader); d != "" {
		if r.Delay, err = time.ParseDuration(d); err != nil {
			return Recorded{}, fmt.Errorf("%s: %w", ReplayDelayHeader, err)
		}
		resp.Header.Del(ReplayDelayHeader)
	}
	return r, nil
}

// StripeReplay is an HTTP server standing in for Stripe's API: it answers
// the requests, whatever they are, with recorded responses in turn, and logs
// each request as "METHOD URI auth=SCHEME" (the query decoded, never the
// key) to log; a request with an Idempotency-Key adds " idempotency-key=KEY",
// and one with a form body adds a line "  NAME=VALUE" for each parameter,
// decoded and sorted by name.
// Past the last response it answers 500, so a test that makes more requests
// than it expects fails.
type StripeReplay struct {
	*httptest.Server

	mu        sync.Mutex
	responses []Recorded
	next      int
	log       io.Writer
}

// NewStripeReplay starts a replay server on a free loopback port; Close
// stops it.
func NewStripeReplay(responses []Recorded, log io.Writer) *StripeReplay {
	s := &StripeReplay{responses: responses, log: log}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func (s *StripeReplay) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	uri := r.URL.Path
	if r.Method == http.MethodConnect {
		uri = r.Host // a proxy request: where the client wanted to go
	}
	if q := r.URL.Query().Encode(); q != "" {
		// Sorted by key, and decoded so a log reads expand[0], not expand%5B0%5D.
		if dq, err := url.QueryUnescape(q); err == nil {
			q = dq
		}
		uri += "?" + q
	}
	auth, _, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if s.log != nil {
		line := fmt.Sprintf("%s %s auth=%s", r.Method, uri, auth)
		if k := r.Header.Get("Idempotency-Key"); k != "" {
			line += " idempotency-key=" + k
		}
		fmt.Fprintln(s.log, line)
		logForm(s.log, r)
	}
	var rec Recorded
	ok := s.next < len(s.responses)
	if ok {
		rec = s.responses[s.next]
		s.next++
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, `{"error":{"type":"api_error","message":"replay: no recorded response left"}}`, http.StatusInternalServerError)
		return
	}
	if rec.Delay > 0 {
		select {
		case <-time.After(rec.Delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, vs := range rec.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Del("Content-Length") // the body may have been edited by hand
	w.WriteHeader(rec.Status)
	_, _ = w.Write(rec.Body)
}

// logForm writes each parameter of r's form body on a line of its own.
func logForm(log io.Writer, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || len(body) == 0 {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		fmt.Fprintf(log, "  (a body that is not a form: %q)\n", body)
		return
	}
	for _, k := range slices.Sorted(maps.Keys(form)) {
		for _, v := range form[k] {
			fmt.Fprintf(log, "  %s=%s\n", k, v)
		}
	}
}
