//go:build race

package cmd

// raceEnabled: the tests run under -race (make test), about ten times
// slower, so the largest inputs are cut to what still tests the same thing.
const raceEnabled = true
