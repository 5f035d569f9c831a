//go:build !race

package bulk

// raceEnabled: see race_on_test.go.
const raceEnabled = false
