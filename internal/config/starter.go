package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Starter is the commented file `paylink config init` writes. It loads as
// it is, so a new user can run paylink with it at once and uncomment what
// they need.
const Starter = `# paylink configuration. paylink uses the first file it finds: --config
# FILE, $PAYLINK_CONFIG, ./paylink.yaml (.yml, .toml, .json), then
# $XDG_CONFIG_HOME/paylink/config.yaml (default ~/.config/paylink/).
# Precedence: flag > environment (PAYLINK_STRICT=true, PAYLINK_UTM_SOURCE=...)
# > preset > this file's defaults.
# Keys are case-insensitive; an unknown key is an error.
# Each example below works once you remove its '#' (and nothing else), and
# they agree: with all of them, every preset builds a link the policy allows.

# Custom payment-link domains set up in the Stripe Dashboard, allowed
# besides buy.stripe.com (host names only).
domains:
#  - pay.example.com

# Lower-case UTM codes (Google Analytics tells Google from google).
lowercase: false

# Refuse a UTM code that needs sanitizing instead of rewriting it.
strict: false

# Presets: named sets of parameters, used with paylink build --preset NAME.
# Keys are the query names (utm_source, utm_medium, utm_campaign, utm_term,
# utm_content, client_reference_id, prefilled_email, locked_prefilled_email,
# prefilled_promo_code, locale). An empty value ("" or nothing) removes
# the parameter. Preset names are case-insensitive. A preset's channels
# replace policy.channels for the links built with it.
presets:
  spring-email:
    utm_source: newsletter
    utm_medium: email
    utm_campaign: spring_sale_2026
#  partner-ads:
#    utm_source: partner
#    utm_medium: referral
#    utm_campaign: partner_program
#    utm_term: ""
#  meta-ads:
#    utm_source: facebook
#    utm_medium: paid_social
#    utm_campaign: spring_sale_2026
#    channels: [Paid Social]

# Naming policy, checked by paylink build and paylink validate.
policy:
  # Parameters every link must carry.
  required:
  #  - utm_source
  #  - utm_medium
  #  - utm_campaign
  # Per parameter, the only values allowed.
  allowed:
  #  utm_medium: [email, paid_social, social, referral]
  # Per parameter, a regular expression every value must match (anchor it
  # with ^ and $ to match the whole value).
  patterns:
  #  utm_campaign: '^[a-z0-9_]+$'
  # The Google Analytics 4 channels (default channel group) a link carrying
  # utm_source or utm_medium may land in. Any other, Unassigned included,
  # is refused with the change that would reach one of these; paylink
  # inspect shows a link's channel.
  channels:
  #  - Email
  #  - Paid Social
  #  - Organic Social
  #  - Referral

# Aliases: per UTM code, values the team keeps writing and the value to
# write instead, matched as written, case included (GA4 reports Facebook
# and facebook as two rows). paylink build rewrites them with a warning,
# validate reports them. These are GA4-friendly: "newsletter" is no GA4
# medium (Unassigned), "email" is.
aliases:
#  utm_source:
#    Facebook: facebook
#    fb: facebook
#    Instagram: instagram
#    LinkedIn: linkedin
#  utm_medium:
#    newsletter: email
#    e-mail: email
#    Email: email
#    paid-social: paid_social
`

// WriteStarter writes Starter to path, creating its folder. It refuses to
// replace an existing file unless force is set: a team's file is not to be
// lost to a second `config init`.
func WriteStarter(path string, force bool) error {
	if !isYAML(path) {
		return &Error{Path: path, Msg: "config init writes YAML; give a path ending .yaml or .yml"}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return &Error{Path: path, Msg: "cannot create its folder: " + err.Error()}
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &Error{Path: path, Msg: "already exists; paylink config init --force replaces it"}
	}
	if err != nil {
		return &Error{Path: path, Msg: "cannot write: " + err.Error()}
	}
	_, err = f.WriteString(Starter)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &Error{Path: path, Msg: "cannot write: " + err.Error()}
	}
	return nil
}
