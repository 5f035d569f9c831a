package cmd

import (
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
)

// shells are the shells `paylink completion` writes scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// NewCompletionCmd builds `paylink completion SHELL`. It replaces cobra's
// default completion command, to carry paylink's help and exit codes; the
// scripts are cobra's, written to the command's stdout.
func NewCompletionCmd() *cobra.Command {
	var noDesc bool
	c := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the completion script for bash, zsh, fish or PowerShell",
		Long: `Print a script that makes the shell complete paylink's commands, flags and
values. Load it once per session, or install it so every new shell has it.

bash (needs the bash-completion package):
  source <(paylink completion bash)                 # this session
  paylink completion bash > ~/.local/share/bash-completion/completions/paylink

zsh (compinit must be enabled: autoload -U compinit; compinit in ~/.zshrc):
  source <(paylink completion zsh)                  # this session
  paylink completion zsh > "${fpath[1]}/_paylink"

fish:
  paylink completion fish | source                  # this session
  paylink completion fish > ~/.config/fish/completions/paylink.fish

PowerShell:
  paylink completion powershell | Out-String | Invoke-Expression
  # add that line to $PROFILE for every session

The same scripts are in the completions/ folder of the source.

Exit codes: 0 printed, 2 usage error (no shell or an unknown one).`,
		Example: `  source <(paylink completion bash)
  paylink completion zsh > "${fpath[1]}/_paylink"
  paylink completion fish > ~/.config/fish/completions/paylink.fish
  paylink completion powershell --no-descriptions > paylink.ps1`,
		ValidArgs:             shells,
		Args:                  completionArgs,
		DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, args []string) error {
			return writeCompletion(c.Root(), c.OutOrStdout(), args[0], !noDesc)
		},
	}
	c.Flags().BoolVar(&noDesc, "no-descriptions", false, "leave out the descriptions of the completions")
	return c
}

// completionArgs wants exactly one shell that paylink writes a script for.
func completionArgs(_ *cobra.Command, args []string) error {
	if len(args) != 1 || !slices.Contains(shells, args[0]) {
		return cmdutil.UsageErrorf("give one shell: %s", strings.Join(shells, ", "))
	}
	return nil
}

// writeCompletion writes root's completion script for shell to w.
func writeCompletion(root *cobra.Command, w io.Writer, shell string, desc bool) error {
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(w, desc)
	case "zsh":
		if desc {
			return root.GenZshCompletion(w)
		}
		return root.GenZshCompletionNoDesc(w)
	case "fish":
		return root.GenFishCompletion(w, desc)
	}
	if desc {
		return root.GenPowerShellCompletionWithDesc(w)
	}
	return root.GenPowerShellCompletion(w)
}
