package cmd

import (
	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/build"
)

// setVersion gives root the --version flag: version, commit and build date,
// from the Makefile's linker flags or else the Go toolchain's build record.
func setVersion(root *cobra.Command) {
	root.Version = build.Current().String()
	root.SetVersionTemplate("paylink version {{.Version}}\n")
	// Defined here rather than by cobra, for a usage line that says what
	// the flag prints.
	root.Flags().BoolP("version", "v", false, "print the version, commit and build date")
}
