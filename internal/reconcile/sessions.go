package reconcile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/paylink/paylink/internal/money"
)

// Session is what reconciling needs of one Checkout Session.
type Session struct {
	ID            string
	Status        string // open, complete or expired
	PaymentStatus string // paid, unpaid or no_payment_required
	AmountTotal   int64  // in the currency's minor unit
	Currency      string // lower case; "" for a session that needed no payment and has no amount
	Reference     string // client_reference_id, "" when the session has none
}

// Paid reports whether the session brought money (or needed none): Stripe
// completed it, and its payment went through.
func (s *Session) Paid() bool {
	return s.Status == "complete" && (s.PaymentStatus == "paid" || s.PaymentStatus == "no_payment_required")
}

// MaxObject is the largest session or event object read, in bytes. A real
// Checkout Session is a few kilobytes; a list's data array is streamed and
// does not count against it.
const MaxObject = 16 << 20

// SessionsReader streams the Checkout Sessions in JSON text. What each
// value is comes from the value itself, so one file may mix them:
//   - a Stripe list, {"object":"list","data":[...]}, as the API and
//     `stripe checkout sessions list` print it; its data is streamed;
//   - a Checkout Session object, {"object":"checkout.session",...};
//   - an Event of type checkout.session.completed, as a webhook endpoint
//     saves it; events of other types are skipped and counted;
//   - an array of any of these but lists;
//
// one after another, as JSON Lines or not. Only one object is in memory at
// a time, so a file of any size is read in constant memory.
type SessionsReader struct {
	// Skipped counts the events of other types than
	// checkout.session.completed, by type.
	Skipped map[string]int

	name  string
	br    *bufio.Reader
	line  int
	start int    // the line where the object being read starts
	buf   []byte // the object being read
	// keepLines appends the line breaks peek skips to buf, so that a line
	// in a top-level object can be found from an offset in buf.
	keepLines bool
	elem      []byte // the element of a list being read
	fn        func(*Session, string) error
}

// ReadSessions calls fn with each Checkout Session in r, a file named name,
// and where it is (FILE:LINE). Malformed JSON, and an object that is not a
// well-formed session, event or list, is an *InputError naming its line.
func ReadSessions(name string, r io.Reader, fn func(s *Session, where string) error) (*SessionsReader, error) {
	d := &SessionsReader{Skipped: map[string]int{}, name: name, br: bufio.NewReaderSize(r, 64<<10), line: 1, fn: fn}
	return d, d.run()
}

func (d *SessionsReader) run() error {
	for {
		c, err := d.peek()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch c {
		case '{':
			err = d.topObject()
		case '[':
			d.start = d.line
			d.next()
			err = d.elements()
		default:
			err = d.errorf(d.line, "%s where a JSON object or array is expected; give Checkout Sessions, events or a Stripe list as JSON", show(c))
		}
		if err != nil {
			return err
		}
	}
}

func (d *SessionsReader) errorf(line int, format string, args ...any) error {
	return &InputError{at(d.name, line), fmt.Sprintf(format, args...)}
}

// next consumes one byte, counting lines.
func (d *SessionsReader) next() (byte, error) {
	c, err := d.br.ReadByte()
	if err == io.EOF {
		return 0, d.cutShort()
	}
	if err != nil {
		return 0, &InputError{d.name, err.Error()}
	}
	if c == '\n' {
		d.line++
	}
	return c, nil
}

// peek skips white space and returns the next byte, not consuming it.
func (d *SessionsReader) peek() (byte, error) {
	for {
		c, err := d.br.ReadByte()
		if err == io.EOF {
			return 0, err
		}
		if err != nil {
			return 0, &InputError{d.name, err.Error()}
		}
		switch c {
		case '\n':
			d.line++
			if d.keepLines {
				d.buf = append(d.buf, '\n')
			}
		case ' ', '\t', '\r':
		default:
			_ = d.br.UnreadByte()
			return c, nil
		}
	}
}

// peekIn is peek inside a value, where the end of the file is an error.
func (d *SessionsReader) peekIn() (byte, error) {
	c, err := d.peek()
	if err == io.EOF {
		return 0, d.cutShort()
	}
	return c, err
}

// cutShort is the error of a file that ends inside a value: it names the
// line where the object being read starts, which the end cut short.
func (d *SessionsReader) cutShort() error {
	return d.errorf(d.start, "the file ends before the JSON value that starts on this line is closed")
}

func (d *SessionsReader) grow(line int) error {
	if len(d.buf) > MaxObject {
		return d.errorf(line, "a JSON object over %d MiB; a Checkout Session or event is a few kilobytes", MaxObject>>20)
	}
	return nil
}

// topObject reads an object at the top level. When a key "data" holds an
// array, as in a Stripe list, its elements are handled one by one as they
// are read, and the object is kept with "data":[] in their place.
func (d *SessionsReader) topObject() error {
	start := d.line
	d.start = start
	d.buf = d.buf[:0]
	d.next() // '{'
	d.buf = append(d.buf, '{')
	d.keepLines = true
	defer func() { d.keepLines = false }()
	streamed := false
	for first := true; ; first = false {
		c, err := d.peekIn()
		if err != nil {
			return err
		}
		if c == '}' && first {
			d.next()
			d.buf = append(d.buf, '}')
			break
		}
		if c != '"' {
			return d.errorf(d.line, "%s where a key is expected", show(c))
		}
		keyStart := len(d.buf)
		if err := d.value(start); err != nil {
			return err
		}
		isData := string(d.buf[keyStart:]) == `"data"`
		if c, err = d.peekIn(); err != nil {
			return err
		}
		if c != ':' {
			return d.errorf(d.line, "%s where ':' is expected after a key", show(c))
		}
		d.next()
		d.buf = append(d.buf, ':')
		if c, err = d.peekIn(); err != nil {
			return err
		}
		if isData && c == '[' {
			d.next()
			d.buf = append(d.buf, "[]"...)
			from := d.line
			d.keepLines = false
			err, streamed = d.elements(), true
			d.keepLines = true
			// The array's lines, for the line of an error after it.
			d.buf = append(d.buf, strings.Repeat("\n", d.line-from)...)
		} else {
			err = d.value(start)
		}
		if err != nil {
			return err
		}
		if c, err = d.peekIn(); err != nil {
			return err
		}
		d.next()
		d.buf = append(d.buf, c)
		if c == '}' {
			break
		}
		if c != ',' {
			return d.errorf(d.line, "%s where ',' or '}' is expected", show(c))
		}
	}
	if streamed {
		return d.streamedList(start)
	}
	return d.item(d.buf, start, true)
}

// streamedList handles an object whose data array was streamed as a
// list's elements: it must say it is a list.
func (d *SessionsReader) streamedList(line int) error {
	var o object
	if err := json.Unmarshal(d.buf, &o); err != nil {
		return d.jsonError(err, d.buf, line)
	}
	if o.Object != "list" {
		return d.errorf(line, "an object with a data array that is not a Stripe list (object %s)", strconv.Quote(o.Object))
	}
	return nil
}

// elements reads the elements of an array whose '[' was consumed, handling
// each object as it is read.
func (d *SessionsReader) elements() error {
	outer := d.buf
	defer func() { d.elem, d.buf = d.buf, outer }()
	for first := true; ; first = false {
		c, err := d.peekIn()
		if err != nil {
			return err
		}
		if c == ']' && first {
			d.next()
			return nil
		}
		if c != '{' {
			return d.errorf(d.line, "%s where a Checkout Session or event object is expected", show(c))
		}
		start := d.line
		d.start = start
		d.buf = d.elem[:0]
		if err := d.value(start); err != nil {
			return err
		}
		if err := d.item(d.buf, start, false); err != nil {
			return err
		}
		d.elem = d.buf
		if c, err = d.peekIn(); err != nil {
			return err
		}
		d.next()
		if c == ']' {
			return nil
		}
		if c != ',' {
			return d.errorf(d.line, "%s where ',' or ']' is expected in an array", show(c))
		}
	}
}

// value appends one JSON value to d.buf. It checks only the structure it
// needs to find the value's end; json.Unmarshal checks the rest.
func (d *SessionsReader) value(start int) error {
	c, err := d.peekIn()
	if err != nil {
		return err
	}
	if c != '{' && c != '[' && c != '"' {
		return d.scalar()
	}
	depth := 0
	for {
		c, err := d.next()
		if err != nil {
			return err
		}
		d.buf = append(d.buf, c)
		switch c {
		case '"':
			if err := d.str(); err != nil {
				return err
			}
		case '{', '[':
			depth++
			continue
		case '}', ']':
			depth--
		default:
			continue
		}
		if depth == 0 {
			return d.grow(start)
		}
		if len(d.buf) > MaxObject {
			return d.grow(start)
		}
	}
}

// str appends the rest of a string whose opening quote was read.
func (d *SessionsReader) str() error {
	for {
		chunk, err := d.br.ReadSlice('"')
		d.buf = append(d.buf, chunk...)
		d.line += bytes.Count(chunk, []byte{'\n'}) // invalid in a string, but counted for the error's line
		switch {
		case err == bufio.ErrBufferFull:
			if len(d.buf) > MaxObject {
				return d.grow(d.line)
			}
			continue
		case err == io.EOF:
			return d.cutShort()
		case err != nil:
			return &InputError{d.name, err.Error()}
		}
		// The quote ends the string unless an odd number of backslashes
		// escapes it.
		n := 0
		for i := len(d.buf) - 2; i >= 0 && d.buf[i] == '\\'; i-- {
			n++
		}
		if n%2 == 0 {
			return nil
		}
	}
}

// scalar appends a number, true, false or null.
func (d *SessionsReader) scalar() error {
	for n := 0; ; n++ {
		c, err := d.br.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &InputError{d.name, err.Error()}
		}
		switch c {
		case ',', '}', ']', ' ', '\t', '\r', '\n', ':':
			_ = d.br.UnreadByte()
			return nil
		}
		if n > 1<<10 {
			return d.errorf(d.line, "a JSON number or literal over 1 KiB")
		}
		d.buf = append(d.buf, c)
	}
}

// object is the fields of a Checkout Session, an Event or a list.
type object struct {
	Object string          `json:"object"`
	ID     string          `json:"id"`
	Type   string          `json:"type"` // of an event
	Data   json.RawMessage `json:"data"` // of an event, or a list not streamed

	Status            string `json:"status"`
	PaymentStatus     string `json:"payment_status"`
	AmountTotal       *int64 `json:"amount_total"`
	Currency          string `json:"currency"`
	ClientReferenceID string `json:"client_reference_id"` // null reads as ""
}

// item handles one object read, b, which starts on line.
func (d *SessionsReader) item(b []byte, line int, top bool) error {
	var o object
	if err := json.Unmarshal(b, &o); err != nil {
		return d.jsonError(err, b, line)
	}
	switch o.Object {
	case "checkout.session":
		return d.session(&o, line)
	case "event":
		return d.event(&o, line)
	case "list":
		if !top {
			return d.errorf(line, "a list inside a list or array; give each list on its own")
		}
		return d.list(&o, line)
	case "":
		return d.errorf(line, `an object without "object"; give Checkout Sessions, checkout.session.completed events or a Stripe list as Stripe prints them`)
	}
	return d.errorf(line, "a %s object; give Checkout Sessions, checkout.session.completed events or a Stripe list of them", strconv.Quote(o.Object))
}

// list handles the data of a list that was not streamed: one whose "data"
// key was written with escapes, which the streaming reader does not decode.
func (d *SessionsReader) list(o *object, line int) error {
	var data []json.RawMessage
	if len(o.Data) == 0 || string(o.Data) == "null" {
		return d.errorf(line, `a list without "data"`)
	}
	if err := json.Unmarshal(o.Data, &data); err != nil {
		return d.errorf(line, `a list whose "data" is not an array`)
	}
	for _, raw := range data {
		if err := d.item(raw, line, false); err != nil {
			return err
		}
	}
	return nil
}

func (d *SessionsReader) event(o *object, line int) error {
	if o.Type != "checkout.session.completed" {
		d.Skipped[o.Type]++
		return nil
	}
	var data struct {
		Object *object `json:"object"`
	}
	if err := json.Unmarshal(o.Data, &data); err != nil || data.Object == nil || data.Object.Object != "checkout.session" {
		return d.errorf(line, "event %s of type checkout.session.completed does not hold a Checkout Session in data.object", strconv.Quote(o.ID))
	}
	return d.session(data.Object, line)
}

// session checks a Checkout Session and hands it on.
func (d *SessionsReader) session(o *object, line int) error {
	s, err := CheckSession(o.ID, o.Status, o.PaymentStatus, o.AmountTotal, o.Currency, o.ClientReferenceID)
	if err != nil {
		return d.errorf(line, "%v", err)
	}
	return d.fn(s, at(d.name, line))
}

// CheckSession makes a Session of a Checkout Session's fields (amount nil
// for null). A paid session must say how much, in which currency: without
// them it cannot be counted, and skipping it would silently under-report.
// One that needed no payment (payment_status no_payment_required, as in
// setup mode) may have neither; it counts with no amount.
func CheckSession(id, status, paymentStatus string, amount *int64, currency, reference string) (*Session, error) {
	if id == "" {
		return nil, fmt.Errorf("a Checkout Session without an id")
	}
	s := &Session{ID: id, Status: status, PaymentStatus: paymentStatus, Reference: reference}
	if !s.Paid() || paymentStatus == "no_payment_required" && (amount == nil || *amount == 0) && currency == "" {
		return s, nil
	}
	cur, err := money.Currency(currency)
	if err != nil {
		return nil, fmt.Errorf("paid Checkout Session %s: %v", strconv.Quote(id), err)
	}
	if amount == nil || *amount < 0 {
		return nil, fmt.Errorf("paid Checkout Session %s has no amount_total of 0 or more", strconv.Quote(id))
	}
	s.Currency, s.AmountTotal = cur, *amount
	return s, nil
}

// jsonError names the line of a JSON error in b, an object that starts on
// line, and what was wrong in words.
func (d *SessionsReader) jsonError(err error, b []byte, line int) error {
	var off int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset - 1 // the offset after the byte that is wrong
	case errors.As(err, &typ):
		off = typ.Offset
	}
	off = min(max(off, 0), int64(len(b)))
	line += bytes.Count(b[:off], []byte{'\n'})
	return d.errorf(line, "%s", jsonMessage(err))
}

// jsonMessage says what a JSON decoding error means, without Go's type names.
func jsonMessage(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "malformed JSON: " + syn.Error()
	case errors.As(err, &typ):
		want := "a string"
		switch typ.Type.Kind() {
		case reflect.Int64:
			want = "a whole number"
		case reflect.Struct:
			want = "an object"
		case reflect.Slice:
			want = "an array"
		}
		if typ.Field == "" {
			return fmt.Sprintf("a JSON %s where %s is expected", typ.Value, want)
		}
		return fmt.Sprintf("%s: a JSON %s where %s is expected", typ.Field, typ.Value, want)
	}
	return err.Error()
}

// show names a byte found where it does not belong.
func show(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}
