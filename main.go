// Command paylink builds tracked Stripe payment links that Stripe records in
// full: see README.md.
package main

import (
	"os"

	"github.com/paylink/paylink/cmd"
	"github.com/paylink/paylink/internal/iostreams"
)

func main() {
	os.Exit(cmd.Execute(os.Args[1:], iostreams.System()))
}
