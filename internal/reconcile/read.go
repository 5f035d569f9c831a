package reconcile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Reader reads records from JSON text in one pass: it decodes the few
// fields reconciling needs and skips every other value without decoding
// it, so a 3.4 KB Checkout Session costs a scan of its bytes, not a
// decoding of its hundred fields. Only the value being read is held: a
// file of any size is read in constant memory.
type Reader struct {
	// Skipped counts the events of types that are not read, by type.
	Skipped map[string]int

	name string
	r    io.Reader
	sink Sink

	buf      []byte
	pos, end int
	eof      bool
	keep     int   // index in buf of the first byte a refill must keep; -1 for none
	dropped  int64 // bytes dropped from the front of buf so far
	line     int   // the line of buf[lineAt]
	lineAt   int
	start    int   // the line where the record being read starts
	startOff int64 // its offset in the file, -1 between records

	fields [4]fields // by depth: an item, an event's data.object, ...
	keyBuf []byte    // the key being read
	sess   Session
}

// fields are the values read of one object, whatever its kind.
type fields struct {
	object, id, typ                 string
	status, paymentStatus, currency string
	reference, paymentIntent, sub   string
	parentSub, billingReason        string
	amountTotal, amount, refunded   int64
	amountPaid                      int64
	hasAmountTotal, hasUTM          bool
	data                            byte    // the first byte of "data": '[' streamed, '{' an event's
	inner                           *fields // an event's data.object
	utm                             [len(utmKeys)]string
}

const maxDepth = 10000 // as encoding/json: deeper nesting is refused, not recursed into

func newReader(name string, r io.Reader, sink Sink) *Reader {
	return &Reader{Skipped: map[string]int{}, name: name, r: r, sink: sink, buf: make([]byte, 64<<10), keep: -1, line: 1, startOff: -1}
}

func (d *Reader) run() error {
	for {
		c, err := d.ws()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch c {
		case '{':
			err = d.item(0, true)
		case '[':
			d.begin()
			d.pos++
			err = d.elements(0)
		default:
			err = d.errorf(d.lineOf(d.pos), "%s where a JSON object or array is expected; give Checkout Sessions, events or a Stripe list as JSON", show(c))
		}
		if err != nil {
			return err
		}
		d.keep, d.startOff = -1, -1
	}
}

// begin marks the start of a record at pos.
func (d *Reader) begin() {
	d.start = d.lineOf(d.pos)
	d.startOff = d.dropped + int64(d.pos)
}

func (d *Reader) errorf(line int, format string, args ...any) error {
	return &InputError{at(d.name, line), fmt.Sprintf(format, args...)}
}

// malformed is a syntax error at pos.
func (d *Reader) malformed(format string, args ...any) error {
	return d.errorf(d.lineOf(d.pos), "malformed JSON: "+format, args...)
}

// lineOf is the line of buf[i], counting forward from the last asked.
func (d *Reader) lineOf(i int) int {
	if i > d.lineAt {
		d.line += bytes.Count(d.buf[d.lineAt:i], []byte{'\n'})
		d.lineAt = i
	}
	return d.line
}

// fill reads more bytes, keeping buf[keep:] (or buf[pos:]). io.EOF when
// there are no more.
func (d *Reader) fill() error {
	if d.eof {
		return io.EOF
	}
	from := d.pos
	if d.keep >= 0 && d.keep < from {
		from = d.keep
	}
	if d.startOff >= 0 && d.dropped+int64(d.end)-d.startOff > MaxObject {
		return d.errorf(d.start, "a JSON object over %d MiB; a Checkout Session or event is a few kilobytes", MaxObject>>20)
	}
	d.lineOf(max(from, d.lineAt))
	if from > 0 {
		n := copy(d.buf, d.buf[from:d.end])
		d.pos, d.end, d.lineAt = d.pos-from, n, d.lineAt-from
		if d.keep >= 0 {
			d.keep -= from
		}
		d.dropped += int64(from)
	}
	if d.end == len(d.buf) {
		d.buf = append(d.buf, make([]byte, len(d.buf))...)
	}
	for {
		n, err := d.r.Read(d.buf[d.end:])
		d.end += n
		switch {
		case err == io.EOF:
			d.eof = true
			if n == 0 {
				return io.EOF
			}
			return nil
		case err != nil:
			return &InputError{d.name, err.Error()}
		case n > 0:
			return nil
		}
	}
}

// ws skips white space and returns the next byte, not consuming it; io.EOF
// at the end of the input.
func (d *Reader) ws() (byte, error) {
	for {
		for d.pos < d.end {
			switch c := d.buf[d.pos]; c {
			case ' ', '\t', '\r', '\n':
				d.pos++
			default:
				return c, nil
			}
		}
		if err := d.fill(); err != nil {
			return 0, err
		}
	}
}

// next is ws inside a value, where the end of the input is an error.
func (d *Reader) next() (byte, error) {
	c, err := d.ws()
	if err == io.EOF {
		return 0, d.cutShort()
	}
	return c, err
}

// cutShort is the error of a file that ends inside a value: it names the
// line where the record being read starts, which the end cut short.
func (d *Reader) cutShort() error {
	return d.errorf(d.start, "the file ends before the JSON value that starts on this line is closed")
}

// expect consumes c, after white space.
func (d *Reader) expect(c byte, what string) error {
	got, err := d.next()
	if err != nil {
		return err
	}
	if got != c {
		return d.errorf(d.lineOf(d.pos), "%s where %s is expected", show(got), what)
	}
	d.pos++
	return nil
}

// elements reads the elements of an array whose '[' was consumed, each an
// item at depth.
func (d *Reader) elements(depth int) error {
	for first := true; ; first = false {
		c, err := d.next()
		if err != nil {
			return err
		}
		if c == ']' && first {
			d.pos++
			return nil
		}
		if c != '{' {
			return d.errorf(d.lineOf(d.pos), "%s where a Checkout Session or event object is expected", show(c))
		}
		if err := d.item(depth, false); err != nil {
			return err
		}
		if c, err = d.next(); err != nil {
			return err
		}
		d.pos++
		if c == ']' {
			return nil
		}
		if c != ',' {
			d.pos--
			return d.errorf(d.lineOf(d.pos), "%s where ',' or ']' is expected in an array", show(c))
		}
	}
}

// level returns the fields of depth, cleared.
func (d *Reader) level(depth int) *fields {
	if depth >= len(d.fields) { // deeper than Stripe nests records: rare, so allocated
		return &fields{}
	}
	o := &d.fields[depth]
	*o = fields{}
	return o
}

// item reads an object at pos: a record (top says whether at the top of
// the input, where a list's data is streamed), and hands it on.
func (d *Reader) item(depth int, top bool) error {
	d.begin()
	line := d.start
	o := d.level(depth)
	if err := d.members(o, depth, top); err != nil {
		return err
	}
	if err := d.dispatch(o, depth, line, top); err != nil {
		return err
	}
	if !top {
		// Between a list's elements nothing is held or bounded.
		d.startOff, d.keep = -1, -1
	}
	return nil
}

// members reads an object's members into o.
func (d *Reader) members(o *fields, depth int, top bool) error {
	d.pos++ // '{'
	for first := true; ; first = false {
		c, err := d.next()
		if err != nil {
			return err
		}
		if c == '}' && first {
			d.pos++
			return nil
		}
		if c != '"' {
			return d.errorf(d.lineOf(d.pos), "%s where a key is expected", show(c))
		}
		d.keep = d.pos // the key and its value stay in buf while read
		key, err := d.key()
		if err != nil {
			return err
		}
		if err := d.expect(':', "':' after a key"); err != nil {
			return err
		}
		if err := d.member(o, key, depth, top); err != nil {
			return err
		}
		if c, err = d.next(); err != nil {
			return err
		}
		d.pos++
		if c == '}' {
			return nil
		}
		if c != ',' {
			d.pos--
			return d.errorf(d.lineOf(d.pos), "%s where ',' or '}' is expected", show(c))
		}
	}
}

// member reads the value of key into o, or skips it.
func (d *Reader) member(o *fields, key []byte, depth int, top bool) error {
	var err error
	switch string(key) {
	case "object":
		o.object, err = d.str("object")
	case "id":
		o.id, err = d.str("id")
	case "type":
		o.typ, err = d.str("type")
	case "status":
		o.status, err = d.str("status")
	case "payment_status":
		o.paymentStatus, err = d.str("payment_status")
	case "currency":
		o.currency, err = d.str("currency")
	case "client_reference_id":
		o.reference, err = d.str("client_reference_id")
	case "billing_reason":
		o.billingReason, err = d.str("billing_reason")
	case "amount_total":
		o.amountTotal, o.hasAmountTotal, err = d.int("amount_total")
	case "amount":
		o.amount, _, err = d.int("amount")
	case "amount_refunded":
		o.refunded, _, err = d.int("amount_refunded")
	case "amount_paid":
		o.amountPaid, _, err = d.int("amount_paid")
	case "payment_intent":
		o.paymentIntent, err = d.ref("payment_intent", depth)
	case "subscription":
		o.sub, err = d.ref("subscription", depth)
	case "metadata":
		err = d.metadata(o, depth)
	case "parent":
		err = d.parent(o, depth)
	case "data":
		err = d.data(o, depth, top)
	default:
		err = d.skip(depth)
	}
	return err
}

// data reads a "data" value: a list's elements, streamed at the top of the
// input, or an event's {"object":{...}}.
func (d *Reader) data(o *fields, depth int, top bool) error {
	c, err := d.next()
	if err != nil {
		return err
	}
	o.data = c
	switch {
	case c == '[' && top:
		d.pos++
		return d.elements(depth + 1)
	case c == '{':
		return d.object(depth, func(key []byte) error {
			if string(key) != "object" {
				return d.skip(depth + 1)
			}
			if c, err := d.next(); err != nil || c != '{' {
				if err != nil {
					return err
				}
				return d.skip(depth + 1)
			}
			o.inner = d.level(depth + 1)
			return d.members(o.inner, depth+1, false)
		})
	}
	return d.skip(depth)
}

// object reads an object value, calling member for each key with the
// reader at its value.
func (d *Reader) object(depth int, member func(key []byte) error) error {
	if depth >= maxDepth {
		return d.errorf(d.lineOf(d.pos), "JSON nested over %d deep", maxDepth)
	}
	d.pos++ // '{'
	for first := true; ; first = false {
		c, err := d.next()
		if err != nil {
			return err
		}
		if c == '}' && first {
			d.pos++
			return nil
		}
		if c != '"' {
			return d.malformed("%s where a key is expected", show(c))
		}
		key, err := d.key()
		if err != nil {
			return err
		}
		if err := d.expect(':', "':' after a key"); err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		if c, err = d.next(); err != nil {
			return err
		}
		d.pos++
		if c == '}' {
			return nil
		}
		if c != ',' {
			d.pos--
			return d.malformed("%s where ',' or '}' is expected", show(c))
		}
	}
}

// metadata reads the utm_* keys of a metadata object.
func (d *Reader) metadata(o *fields, depth int) error {
	c, err := d.next()
	if err != nil || c != '{' {
		if err != nil {
			return err
		}
		return d.skip(depth)
	}
	return d.object(depth+1, func(key []byte) error {
		i := utmSlot(key)
		if c, err := d.next(); err != nil || i < 0 || c != '"' {
			if err != nil {
				return err
			}
			return d.skip(depth + 1)
		}
		v, err := d.str("metadata")
		if v != "" {
			o.utm[i], o.hasUTM = v, true
		}
		return err
	})
}

// parent reads an invoice's parent.subscription_details.subscription.
func (d *Reader) parent(o *fields, depth int) error {
	c, err := d.next()
	if err != nil || c != '{' {
		if err != nil {
			return err
		}
		return d.skip(depth)
	}
	return d.object(depth+1, func(key []byte) error {
		details := string(key) == "subscription_details"
		c, err := d.next()
		if err != nil {
			return err
		}
		if !details || c != '{' {
			return d.skip(depth + 1)
		}
		return d.object(depth+2, func(key []byte) error {
			if string(key) != "subscription" {
				return d.skip(depth + 2)
			}
			var err error
			o.parentSub, err = d.ref("parent.subscription_details.subscription", depth+2)
			return err
		})
	})
}

// ref reads an id that Stripe writes as a string, or as an object with an
// id when expanded; null is "".
func (d *Reader) ref(key string, depth int) (string, error) {
	c, err := d.next()
	if err != nil {
		return "", err
	}
	if c != '{' {
		return d.str(key)
	}
	var id string
	err = d.object(depth+1, func(k []byte) error {
		if string(k) != "id" {
			return d.skip(depth + 1)
		}
		var err error
		id, err = d.str(key + ".id")
		return err
	})
	return id, err
}

// key reads an object key at pos (a '"'), into a buffer valid until the
// next key: a refill may move the bytes it was read from.
func (d *Reader) key() ([]byte, error) {
	tok, esc, err := d.token()
	if err != nil {
		return nil, err
	}
	if !esc {
		d.keyBuf = append(d.keyBuf[:0], tok[1:len(tok)-1]...)
		return d.keyBuf, nil
	}
	s, ok := unquote(tok)
	if !ok {
		return nil, d.malformed("a key with a bad escape")
	}
	d.keyBuf = append(d.keyBuf[:0], s...)
	return d.keyBuf, nil
}

// token reads a string at pos, returning it with its quotes and whether it
// has escapes. Its bytes stay valid until the next read.
func (d *Reader) token() ([]byte, bool, error) {
	start := d.pos
	if d.keep < 0 || d.keep > start {
		d.keep = start
	}
	i := d.pos + 1
	esc := false
	for {
		j := bytes.IndexByte(d.buf[i:d.end], '"')
		if j < 0 {
			i = d.end
			off := i - start
			d.pos = start
			err := d.fill()
			if err == io.EOF {
				return nil, false, d.cutShort()
			}
			if err != nil {
				return nil, false, err
			}
			start = d.pos
			i = start + off
			continue
		}
		q := i + j
		n := 0
		for k := q - 1; k > start && d.buf[k] == '\\'; k-- {
			n++
		}
		if n > 0 {
			esc = true
		}
		if n%2 == 0 {
			d.pos = q + 1
			tok := d.buf[start:d.pos]
			if !esc && bytes.IndexByte(tok, '\\') >= 0 {
				esc = true
			}
			return tok, esc, nil
		}
		i = q + 1
	}
}

// str reads a string value of the field key; null is "".
func (d *Reader) str(key string) (string, error) {
	c, err := d.next()
	if err != nil {
		return "", err
	}
	if c != '"' {
		kind, err := d.scalarKind()
		if err != nil || kind == "null" {
			return "", err
		}
		return "", d.errorf(d.lineOf(d.pos), "%s: a JSON %s where a string is expected", key, kind)
	}
	tok, esc, err := d.token()
	if err != nil {
		return "", err
	}
	if !esc && !hasControl(tok) {
		return intern(tok[1 : len(tok)-1]), nil
	}
	s, ok := unquote(tok)
	if !ok {
		return "", d.malformed("the string value of %s is not valid JSON text (a control character or a bad escape)", key)
	}
	return s, nil
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// common are values read again and again, returned without allocating.
var common = commonValues()

func commonValues() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"checkout.session", "event", "refund", "charge", "invoice", "list",
		"complete", "expired", "open", "paid", "unpaid", "no_payment_required", "payment", "subscription", "setup",
		"succeeded", "pending", "failed", "canceled", "requires_action", "subscription_cycle", "subscription_create",
		"checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
		"charge.refunded", "refund.created", "refund.updated", "refund.failed", "invoice.paid", "invoice.payment_succeeded",
		"usd", "eur", "gbp", "jpy", "cad", "aud", "chf", "sek", "nok", "dkk", "brl", "mxn", "inr"} {
		m[s] = s
	}
	return m
}

func intern(b []byte) string {
	if s, ok := common[string(b)]; ok {
		return s
	}
	return string(b)
}

// scalarKind consumes a value that is not a string and names its JSON
// kind; anything else is malformed.
func (d *Reader) scalarKind() (string, error) {
	c, _ := d.next()
	switch c {
	case '{':
		return "object", d.skip(0)
	case '[':
		return "array", d.skip(0)
	}
	tok, err := d.scalar()
	if err != nil {
		return "", err
	}
	switch {
	case c == '-' || c >= '0' && c <= '9':
		return "number", nil
	case string(tok) == "true", string(tok) == "false":
		return "bool", nil
	}
	return "null", nil
}

// int reads a whole number of the field key; null is absent.
func (d *Reader) int(key string) (int64, bool, error) {
	c, err := d.next()
	if err != nil {
		return 0, false, err
	}
	if c == '"' || c == '{' || c == '[' || c == 't' || c == 'f' {
		kind := "string"
		switch c {
		case '{':
			kind = "object"
		case '[':
			kind = "array"
		case 't', 'f':
			kind = "bool"
		}
		line := d.lineOf(d.pos)
		if err := d.skip(0); err != nil {
			return 0, false, err
		}
		return 0, false, d.errorf(line, "%s: a JSON %s where a whole number is expected", key, kind)
	}
	tok, err := d.scalar()
	if err != nil {
		return 0, false, err
	}
	if string(tok) == "null" {
		return 0, false, nil
	}
	n, ok := parseInt(tok)
	if !ok {
		return 0, false, d.errorf(d.lineOf(d.pos), "%s: a JSON number %s where a whole number is expected", key, tok)
	}
	return n, true, nil
}

// parseInt reads a whole number that fits in an int64.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 1 && b[0] == '0' {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' || n > (1<<63)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	limit := uint64(1<<63 - 1)
	if neg {
		limit++ // -2^63 fits
	}
	if n > limit {
		return 0, false
	}
	if neg {
		return int64(-n), true
	}
	return int64(n), true
}

// scalar consumes a number, true, false or null at pos and returns it,
// checked as JSON.
func (d *Reader) scalar() ([]byte, error) {
	start := d.pos
	if d.keep < 0 || d.keep > start {
		d.keep = start
	}
	for {
		for d.pos < d.end {
			switch d.buf[d.pos] {
			case ',', '}', ']', ' ', '\t', '\r', '\n', ':', '"', '{', '[':
				return d.checkScalar(d.buf[start:d.pos])
			}
			if d.pos-start > 1<<10 {
				return nil, d.errorf(d.lineOf(d.pos), "a JSON number or literal over 1 KiB")
			}
			d.pos++
		}
		off := d.pos - start
		d.pos = start
		err := d.fill()
		start = d.pos
		d.pos = start + off
		if err == io.EOF {
			return d.checkScalar(d.buf[start:d.pos])
		}
		if err != nil {
			return nil, err
		}
	}
}

func (d *Reader) checkScalar(tok []byte) ([]byte, error) {
	switch string(tok) {
	case "true", "false", "null":
		return tok, nil
	}
	if !isNumber(tok) {
		if len(tok) == 0 && d.pos < d.end {
			return nil, d.malformed("%s where a value is expected", show(d.buf[d.pos]))
		}
		return nil, d.malformed("%s is not a JSON value", strconv.Quote(string(tok)))
	}
	return tok, nil
}

// isNumber checks JSON's number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func isNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}

// skip consumes one value at pos without decoding it, checking only its
// structure: strings closed, brackets matched, commas and colons in place,
// scalars spelled as JSON.
func (d *Reader) skip(depth int) error {
	c, err := d.next()
	if err != nil {
		return err
	}
	switch c {
	case '"':
		_, _, err = d.token()
		return err
	case '{':
		return d.object(depth+1, func([]byte) error { return d.skip(depth + 1) })
	case '[':
		if depth+1 >= maxDepth {
			return d.errorf(d.lineOf(d.pos), "JSON nested over %d deep", maxDepth)
		}
		d.pos++
		for first := true; ; first = false {
			c, err := d.next()
			if err != nil {
				return err
			}
			if c == ']' && first {
				d.pos++
				return nil
			}
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			if c, err = d.next(); err != nil {
				return err
			}
			d.pos++
			if c == ']' {
				return nil
			}
			if c != ',' {
				d.pos--
				return d.malformed("%s where ',' or ']' is expected in an array", show(c))
			}
		}
	}
	_, err = d.scalar()
	return err
}

// dispatch checks the object read, o, which started on line, and hands the
// record on.
func (d *Reader) dispatch(o *fields, depth, line int, top bool) error {
	where := Where{d.name, line}
	if o.data == '[' && top && o.object != "list" {
		return d.errorf(line, "an object with a data array that is not a Stripe list (object %s)", strconv.Quote(o.object))
	}
	switch o.object {
	case "checkout.session", "refund", "charge", "invoice":
		return d.record(o, o.object, where, false)
	case "event":
		return d.event(o, depth, where)
	case "list":
		switch {
		case !top:
			return d.errorf(line, "a list inside a list or array; give each list on its own")
		case o.data == 0:
			return d.errorf(line, `a list without "data"`)
		case o.data != '[':
			return d.errorf(line, `a list whose "data" is not an array`)
		}
		return nil
	case "":
		return d.errorf(line, `an object without "object"; give Checkout Sessions, events or a Stripe list as Stripe prints them`)
	}
	return d.errorf(line, "a %s object; give Checkout Sessions, refunds, invoices, their events or a Stripe list of them", strconv.Quote(o.object))
}

// eventObjects are the event types read, and the object each holds.
var eventObjects = map[string]string{
	"checkout.session.completed":               "checkout.session",
	"checkout.session.async_payment_succeeded": "checkout.session",
	"checkout.session.async_payment_failed":    "checkout.session",
	"charge.refunded":                          "charge",
	"refund.created":                           "refund",
	"refund.updated":                           "refund",
	"refund.failed":                            "refund",
	"charge.refund.updated":                    "refund",
	"invoice.paid":                             "invoice",
	"invoice.payment_succeeded":                "invoice",
}

func (d *Reader) event(o *fields, depth int, where Where) error {
	want, ok := eventObjects[o.typ]
	if !ok {
		d.Skipped[o.typ]++
		return nil
	}
	inner := o.inner
	if inner == nil || inner.object != want {
		return d.errorf(where.Line, "event %s of type %s does not hold a %s in data.object", strconv.Quote(o.id), o.typ, objectName(want))
	}
	return d.record(inner, want, where, o.typ == "checkout.session.async_payment_failed")
}

func objectName(object string) string {
	switch object {
	case "checkout.session":
		return "Checkout Session"
	case "refund":
		return "Refund"
	case "charge":
		return "Charge"
	}
	return "Invoice"
}

// record checks a session, refund, charge or invoice and hands it to the sink.
func (d *Reader) record(o *fields, object string, where Where, failed bool) error {
	var err error
	switch object {
	case "checkout.session":
		s := &d.sess
		*s = Session{ID: o.id, Status: o.status, PaymentStatus: o.paymentStatus, AmountTotal: o.amountTotal, Currency: o.currency,
			Reference: o.reference, PaymentIntent: o.paymentIntent, Subscription: o.sub, UTM: o.utm, HasUTM: o.hasUTM, AsyncFailed: failed}
		if err = checkSession(s, o.hasAmountTotal); err == nil {
			return d.wrap(d.sink.Session(s, where), where)
		}
	case "refund":
		r := &Refund{ID: o.id, Amount: o.amount, Currency: o.currency, Status: o.status, PaymentIntent: o.paymentIntent}
		if err = CheckRefund(r); err == nil {
			return d.wrap(d.sink.Refund(r, where), where)
		}
	case "charge":
		c := &Charge{ID: o.id, AmountRefunded: o.refunded, Currency: o.currency, PaymentIntent: o.paymentIntent}
		if err = CheckCharge(c); err == nil {
			return d.wrap(d.sink.Charge(c, where), where)
		}
	default:
		sub := o.parentSub
		if sub == "" {
			sub = o.sub
		}
		in := &Invoice{ID: o.id, Status: o.status, BillingReason: o.billingReason, AmountPaid: o.amountPaid, Currency: o.currency, Subscription: sub, PaymentIntent: o.paymentIntent}
		if err = CheckInvoice(in); err == nil {
			return d.wrap(d.sink.Invoice(in, where), where)
		}
	}
	return d.errorf(where.Line, "%v", err)
}

// wrap passes on a sink's error: an *InputError as it is, another one
// placed where the record is.
func (d *Reader) wrap(err error, where Where) error {
	var in *InputError
	if err == nil || errors.As(err, &in) {
		return err
	}
	return &InputError{where.String(), err.Error()}
}
