package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/config"
	"github.com/paylink/paylink/internal/safe"
)

// bindValidateConfig declares what validate takes from outside its flags:
// PAYLINK_ALLOW_DOMAIN, and the custom domains and naming policy of the
// config file in use. Its other flags are its own (PAYLINK_VALIDATE_FORMAT,
// PAYLINK_VALIDATE_STRICT): the file's strict is build's default only, and
// validate's --strict means something else (warnings fail).
func bindValidateConfig(f *cmdutil.Factory, c *cobra.Command, opts *ValidateOptions) {
	f.Bind(c, cmdutil.Binding{
		Shared: append([]string{"allow-domain"}, stripeSharedFlags...),
		Config: func(cfg *config.Config) error {
			if cfg == nil {
				return nil
			}
			// Domains add up, as for build; the file's policy is the policy.
			opts.Domains = append(opts.Domains, cfg.Domains...)
			opts.Policy = cfg.Policy
			opts.Lowercase = cfg.Lowercase
			noteDomains(f, cfg)
			return nil
		},
	})
}

// noteDomains says on stderr, once, which custom domains the config file
// adds: a file planted in a checkout that widens what counts as a payment
// link must show in the CI log.
func noteDomains(f *cmdutil.Factory, cfg *config.Config) {
	if len(cfg.Domains) == 0 {
		return
	}
	fmt.Fprintf(f.IO.ErrOut, "note: %s (found by %s) allows the custom payment-link domains %s\n",
		display(cfg.Source.Path), cfg.Source.Rule, safe.Text(strings.Join(cfg.Domains, ", ")))
}

// bindInspectConfig gives inspect the same custom domains as validate and
// build, so a link one of them accepts the others explain.
func bindInspectConfig(f *cmdutil.Factory, c *cobra.Command, opts *InspectOptions) {
	f.Bind(c, cmdutil.Binding{
		Shared: append([]string{"allow-domain"}, stripeSharedFlags...),
		Config: func(cfg *config.Config) error {
			if cfg != nil {
				opts.Domains = append(opts.Domains, cfg.Domains...)
			}
			return nil
		},
	})
}
