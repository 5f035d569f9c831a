package cmd

import (
	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/config"
)

// bindValidateConfig makes validate, before it runs, take each flag not
// given from its PAYLINK_ variable, and the custom domains and naming policy
// from the config file in use. The file's strict is build's default only:
// validate's --strict means something else (warnings fail).
func bindValidateConfig(c *cobra.Command, opts *ValidateOptions) {
	c.PreRunE = func(c *cobra.Command, _ []string) error {
		env := config.NewEnv()
		if err := applyEnv(c.Flags(), env); err != nil {
			return err
		}
		cfg, err := loadConfig(c, env)
		if err != nil || cfg == nil {
			return err
		}
		// Domains add up, as for build; the file's policy is the policy.
		opts.Domains = append(opts.Domains, cfg.Domains...)
		opts.Policy = cfg.Policy
		return nil
	}
}
