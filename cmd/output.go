package cmd

import (
	"fmt"
	"io"

	"github.com/paylink/paylink/internal/printers"
	"github.com/paylink/paylink/internal/safe"
)

// The output layer's helpers, under the names the commands use.
var (
	writeJSON = printers.WriteJSON
	display   = printers.Display
	plural    = printers.Plural
)

// printMessage writes "label: msg" as one line, msg through safe.Text: an
// error or warning may quote a link, a file name or config text, and none
// of it may reach the terminal raw or start a line of its own. A Stripe key
// in it (pasted where a path goes) is redacted.
func printMessage(w io.Writer, label string, msg any) {
	fmt.Fprintf(w, "%s: %s\n", label, safe.Text(safe.Redact(fmt.Sprint(msg))))
}
