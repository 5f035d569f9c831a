package bench

import "testing"

const helloSrc = `package main

import "fmt"

func main() { fmt.Println("https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr") }
`

// BenchmarkStartup times one `paylink build` with three UTM codes against a
// bare Go binary that prints one line: the cost of cobra, viper and
// paylink's own start-up. Target: at most 2.5x.
func BenchmarkStartup(b *testing.B) {
	paylink := paylinkBinary(b)
	hello := goProgram(b, b.TempDir(), "hello", helloSrc)
	subject := run(paylink, "build", "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr", "-s", "newsletter", "-m", "email", "-c", "spring_sale")
	baseline := run(hello)
	for range 5 { // warm the page cache for both binaries
		_, _ = subject(), baseline()
	}
	for b.Loop() {
		ratio := alternate(b, 200, subject, baseline)
		b.Logf("start-up: %.2fx a bare Go binary printing one line (goal: at most 2.5x)", ratio)
	}
}
