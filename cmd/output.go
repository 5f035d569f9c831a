package cmd

import (
	"github.com/paylink/paylink/internal/printers"
)

// The output layer's helpers, under the names the commands use.
var (
	writeJSON = printers.WriteJSON
	display   = printers.Display
	plural    = printers.Plural
)
