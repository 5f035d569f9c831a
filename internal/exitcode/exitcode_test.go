package exitcode

import (
	"errors"
	"fmt"
	"testing"
)

type accountLike struct{}

func (accountLike) Error() string { return "refused" }
func (accountLike) ExitCode() int { return Usage }

func TestOf(t *testing.T) {
	cause := errors.New("bad row")
	tests := []struct {
		name string
		err  error
		code int
		ok   bool
	}{
		{"plain error", cause, 0, false},
		{"nil", nil, 0, false},
		{"coded", New(Invalid, cause), Invalid, true},
		{"wrapped by fmt", fmt.Errorf("read x: %w", Errorf(Usage, "line %d: %w", 3, cause)), Usage, true},
		{"outermost wins", New(Interrupted(15), New(Invalid, cause)), 143, true},
		{"another package's coder", fmt.Errorf("listing: %w", accountLike{}), Usage, true},
	}
	for _, tt := range tests {
		code, ok := Of(tt.err)
		if code != tt.code || ok != tt.ok {
			t.Errorf("%s: Of = %d, %v; want %d, %v", tt.name, code, ok, tt.code, tt.ok)
		}
	}
}

func TestErrorKeepsItsCause(t *testing.T) {
	cause := errors.New("bad row")
	err := Errorf(Usage, "line %d: %w", 3, cause)
	if err.Error() != "line 3: bad row" || !errors.Is(err, cause) {
		t.Errorf("Errorf = %q (Is cause: %v)", err, errors.Is(err, cause))
	}
}

func TestInterrupted(t *testing.T) {
	for sig, want := range map[int]int{1: 129, 2: 130, 15: 143} {
		if got := Interrupted(sig); got != want {
			t.Errorf("Interrupted(%d) = %d, want %d", sig, got, want)
		}
	}
}
