package bulk

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// repeatReader yields head, then body n times, then tail, without holding
// it all, and counts the bytes it gave.
type repeatReader struct {
	head, body, tail string
	n                int
	pending          string
	read             int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for r.pending == "" {
		switch {
		case r.head != "":
			r.pending, r.head = r.head, ""
		case r.n > 0:
			k := max(1, min(r.n, len(p)/len(r.body))) // whole bodies, at least one
			r.pending, r.n = strings.Repeat(r.body, k), r.n-k
		case r.tail != "":
			r.pending, r.tail = r.tail, ""
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	r.read += int64(n)
	return n, nil
}

func inputError(t *testing.T, err error) *InputError {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v, want an *InputError", err)
	}
	return ie
}

// An unclosed quote followed by a million and a half short lines: the run
// stops about 1 MiB into the record, without reading (or holding) the rest,
// and names the line where the record starts.
func TestUnclosedQuoteStopsAtOneMiB(t *testing.T) {
	in := &repeatReader{head: "url,note\n" + slug + ",fine\n" + slug + `,"start` + "\n", body: "x,y\n", n: 1_500_000}
	stats, err := Run(context.Background(), &Config{Input: CSV, Output: CSV}, in, io.Discard)
	ie := inputError(t, err)
	if ie.Line != 3 || !strings.HasPrefix(ie.Msg, `a quoted field runs past 1 MiB (an unclosed '"'?)`) {
		t.Errorf("got %q, want line 3: a quoted field runs past 1 MiB (an unclosed '\"'?)...", err)
	}
	if limit := int64(MaxLine + 3*readBuffer); in.read > limit {
		t.Errorf("read %d bytes of the input, want at most %d: the record is not bounded", in.read, limit)
	}
	if stats.Rows != 1 {
		t.Errorf("%d rows before the error, want 1", stats.Rows)
	}
}

// The same in the header.
func TestUnclosedQuoteInHeader(t *testing.T) {
	in := &repeatReader{head: "\n\n" + `url,"note` + "\n", body: "x\n", n: 1_000_000}
	_, err := Run(context.Background(), &Config{Input: CSV, Output: CSV}, in, io.Discard)
	if ie := inputError(t, err); ie.Line != 3 || !strings.Contains(ie.Msg, "runs past 1 MiB") {
		t.Errorf("got %q, want line 3: ...runs past 1 MiB...", err)
	}
}

// A record over several lines is read whole up to the bound, exactly, and
// refused one byte past it, whether or not its quote is closed.
func TestQuotedRecordBound(t *testing.T) {
	head := "url,note\n"
	start := slug + `,"`
	for _, tc := range []struct {
		name string
		size int // of the record, its newline included
		ok   bool
	}{
		{"at the bound", maxRecord, true},
		{"one byte over", maxRecord + 1, false},
		{"64 KiB over", maxRecord + readBuffer, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// start, then lines of "aaa…\n", then `b"` + "\n" to size.
			body := strings.Repeat("a", 99) + "\n"
			n := (tc.size - len(start) - 2) / len(body)
			fill := tc.size - len(start) - 2 - n*len(body)
			tail := strings.Repeat("b", fill) + `"` + "\n" + slug + ",after\n"
			in := &repeatReader{head: head + start, body: body, n: n, tail: tail}
			var out bytes.Buffer
			stats, err := Run(context.Background(), &Config{Input: CSV, Output: Lines}, in, &out)
			if tc.ok {
				if err != nil || stats.Rows != 2 || out.String() != slug+"\n"+slug+"\n" {
					t.Errorf("a record of %d bytes: %v, %+v, %q; want both rows read", tc.size, err, stats, out.String())
				}
				return
			}
			if ie := inputError(t, err); ie.Line != 2 || !strings.Contains(ie.Msg, "over 1 MiB") {
				t.Errorf("a record of %d bytes: %q, want line 2: ...over 1 MiB...", tc.size, err)
			}
		})
	}
}

// A quote left open over a few lines is reported from the line where its
// record starts, with where the reader gave up.
func TestUnclosedQuoteNamesStartLine(t *testing.T) {
	_, _, err := run(t, &Config{Input: CSV, Output: CSV}, "url,note\n"+slug+",fine\n"+slug+`,"open`+"\nmore\nmore\n")
	ie := inputError(t, err)
	if ie.Line != 3 || !strings.HasPrefix(ie.Msg, `extraneous or missing " in quoted-field at line 5, column 6, in the record that starts here (an unclosed '"'?)`) {
		t.Errorf("got %q, want line 3: ...at line 5...", err)
	}
}
