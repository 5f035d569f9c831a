// Package account reads a Stripe account through stripe-go: the API key
// (from STRIPE_API_KEY or a key file), a client with paylink's retries,
// timeouts and API base, the account's payment links, and Stripe's errors
// turned into errors that carry paylink's exit code. It never prints the key.
package account

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Environment variables the package reads.
const (
	EnvKey     = "STRIPE_API_KEY"          // the key, as Stripe's own CLI reads it
	EnvAPIBase = "PAYLINK_STRIPE_API_BASE" // another API URL: stripe-mock, a proxy
)

// maxKeyFile bounds what is read from a key file: Stripe keys are about 110
// bytes, so anything much larger is the wrong file.
const maxKeyFile = 4 << 10

// Mode is whether a key reads test-mode or live-mode data.
type Mode string

const (
	ModeTest Mode = "test"
	ModeLive Mode = "live"
)

// Key is a Stripe secret or restricted key. Its String method hides it, so
// printing a Key by mistake (%v, %s, %+v) never shows the secret.
type Key struct {
	secret string
	source string // where it came from, for messages: "STRIPE_API_KEY" or the file name
	mode   Mode
}

func (k Key) String() string   { return "[Stripe key from " + k.source + "]" }
func (k Key) GoString() string { return k.String() }

// Mode is the mode of the data the key reads.
func (k Key) Mode() Mode { return k.mode }

// Source says where the key came from: the variable or the file name.
func (k Key) Source() string { return k.source }

// Secret is the key itself, for stripe-go and for scrubbing messages; never
// print it.
func (k Key) Secret() string { return k.secret }

// ReadAccess is what most commands need of a key: they only read links.
const ReadAccess = "read access to Payment Links"

// LoadKey reads the key from file when it is not "" (the --api-key-file
// flag wins over the environment), else from STRIPE_API_KEY through getenv.
// access names what the command needs of a restricted key (ReadAccess, or
// more for a command that writes), for the message when there is no key.
func LoadKey(getenv func(string) string, file, access string) (Key, error) {
	if file != "" {
		s, err := readKeyFile(file)
		if err != nil {
			return Key{}, err
		}
		return parseKey(s, fmt.Sprintf("%q", file))
	}
	s := getenv(EnvKey)
	if s == "" {
		return Key{}, Errorf("no Stripe API key: set %s to a restricted key with %s (see README, \"Your Stripe account\"), or give --api-key-file FILE", EnvKey, access)
	}
	return parseKey(s, EnvKey)
}

func readKeyFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", Errorf("--api-key-file: %v", pathErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return "", Errorf("--api-key-file %q is a folder: give the file that holds the key", name)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return "", Errorf("--api-key-file: %v", pathErr(err))
	}
	if len(b) > maxKeyFile {
		return "", Errorf("--api-key-file %q is larger than %d bytes: it should hold only the key", name, maxKeyFile)
	}
	return string(b), nil
}

// pathErr drops the operation from an *os.PathError: "open x: no such file"
// becomes "x: no such file or directory".
func pathErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%q: %v", pe.Path, pe.Err)
	}
	return err.Error()
}

// parseKey checks the shape of a key without ever putting it in a message:
// one line, the sk_ or rk_ prefix of a key that can read an account, and
// its mode.
func parseKey(s, source string) (Key, error) {
	s = strings.TrimSpace(s) // a key file ends with a newline
	if s == "" {
		return Key{}, Errorf("the Stripe API key in %s is empty", source)
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r > '~' {
			return Key{}, Errorf("the Stripe API key in %s holds spaces, several lines or characters no key has: it should hold only the key (sk_… or rk_…)", source)
		}
	}
	k := Key{secret: s, source: source}
	switch {
	case strings.HasPrefix(s, "sk_test_"), strings.HasPrefix(s, "rk_test_"):
		k.mode = ModeTest
	case strings.HasPrefix(s, "sk_live_"), strings.HasPrefix(s, "rk_live_"):
		k.mode = ModeLive
	case strings.HasPrefix(s, "pk_"):
		return Key{}, Errorf("the key in %s is a publishable key (pk_…), which cannot read the account: use a restricted key (rk_…) with read access to Payment Links", source)
	default:
		return Key{}, Errorf("the key in %s is not a Stripe secret or restricted key: those start with sk_test_, sk_live_, rk_test_ or rk_live_", source)
	}
	return k, nil
}
