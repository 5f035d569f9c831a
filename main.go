// Command paylink builds tracked Stripe payment links that Stripe records in
// full: see README.md.
package main

import (
	"context"
	"os"

	"github.com/paylink/paylink/cmd"
	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/iostreams"
)

func main() {
	// Signals are caught only where there is something to undo: a bulk
	// build (see cmd/build_bulk.go) listens while it runs; any other command
	// ends at once, as a Unix tool does.
	os.Exit(cmd.ExecuteContext(context.Background(), os.Args[1:], cmdutil.NewFactory(iostreams.System())))
}
