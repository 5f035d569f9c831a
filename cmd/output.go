package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paylink/paylink/internal/safe"
)

// writeJSON writes v as one JSON document (indented when indent is set) with
// '&' and '<' left as they are, through safe.JSON: a value's bidi, zero-width
// and C1 characters become \u escapes, so a log shows no raw control, and a
// JSON reader still gets the exact value.
func writeJSON(w io.Writer, v any, indent bool) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a link's '&' stays '&', not \u0026
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(safe.JSON(buf.Bytes()))
	return err
}

// printMessage writes "label: msg" as one line, msg through safe.Text: an
// error or warning may quote a link, a file name or config text, and none
// of it may reach the terminal raw or start a line of its own. A Stripe key
// in it (pasted where a path goes) is redacted.
func printMessage(w io.Writer, label string, msg any) {
	fmt.Fprintf(w, "%s: %s\n", label, safe.Text(safe.Redact(fmt.Sprint(msg))))
}
