package qr

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const testLink = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale_2026"

// grid is a fake Modules: '#' is dark.
type grid []string

func (g grid) Size() int { return len(g) }
func (g grid) Module(x, y int) bool {
	return y >= 0 && y < len(g) && x >= 0 && x < len(g[y]) && g[y][x] == '#'
}

func TestRenderGlyphs(t *testing.T) {
	// A 2×2 code with every pairing of upper and lower module: the column
	// at x=0 is dark over light, x=1 light over dark.
	var buf bytes.Buffer
	if err := Render(&buf, grid{"#.", ".#"}, false); err != nil {
		t.Fatal(err)
	}
	quiet := strings.Repeat("█", 10) + "\n"
	want := quiet + quiet + "████▄▀████\n" + quiet + quiet
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// parse reads Render's output back into rows of modules (true = dark).
func parse(t *testing.T, out string) [][]bool {
	t.Helper()
	var rows [][]bool
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var upper, lower []bool
		for _, r := range line {
			switch r {
			case ' ':
				upper, lower = append(upper, true), append(lower, true)
			case '▀':
				upper, lower = append(upper, false), append(lower, true)
			case '▄':
				upper, lower = append(upper, true), append(lower, false)
			case '█':
				upper, lower = append(upper, false), append(lower, false)
			default:
				t.Fatalf("unexpected %q in line %q", r, line)
			}
		}
		rows = append(rows, upper, lower)
	}
	return rows
}

func TestRenderRoundTrip(t *testing.T) {
	c, err := Encode(testLink)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Render(&buf, c, false); err != nil {
		t.Fatal(err)
	}
	rows := parse(t, buf.String())
	n := c.Size() + 2*QuietZone
	// An odd number of rows gets one more light row to fill the last line.
	if len(rows) != n+1 {
		t.Fatalf("%d module rows, want %d", len(rows), n+1)
	}
	for y, row := range rows {
		if len(row) != n {
			t.Fatalf("row %d is %d modules wide, want %d", y, len(row), n)
		}
		for x, isDark := range row {
			if want := c.Module(x-QuietZone, y-QuietZone); isDark != want {
				t.Fatalf("module (%d,%d) dark=%v, want %v", x-QuietZone, y-QuietZone, isDark, want)
			}
		}
	}
}

func TestRenderColor(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, grid{"#"}, true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5", len(lines))
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, colorOn) || !strings.HasSuffix(l, colorOff) {
			t.Errorf("line %q does not set and reset its colours", l)
		}
	}
}

func TestEncodeFinderPatterns(t *testing.T) {
	c, err := Encode(testLink)
	if err != nil {
		t.Fatal(err)
	}
	// Version 1 is 21 modules; each version adds 4.
	if n := c.Size(); n < 21 || (n-21)%4 != 0 {
		t.Fatalf("size %d is not a QR code's", n)
	}
	// A finder pattern in three corners: a dark 7×7 ring around a light
	// ring around a dark 3×3 centre, then a light separator.
	ring := []string{"#######", "#.....#", "#.###.#", "#.###.#", "#.###.#", "#.....#", "#######"}
	for _, corner := range [][2]int{{0, 0}, {c.Size() - 7, 0}, {0, c.Size() - 7}} {
		for dy, row := range ring {
			for dx, m := range row {
				if x, y := corner[0]+dx, corner[1]+dy; c.Module(x, y) != (m == '#') {
					t.Fatalf("finder pattern at %v: module (%d,%d) dark=%v", corner, x, y, c.Module(x, y))
				}
			}
		}
	}
}

func TestWritePNG(t *testing.T) {
	c, err := Encode(testLink)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "link.png")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WritePNG(path, c); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	n := c.Size() + 2*QuietZone
	if b := img.Bounds(); b.Dx() != n*PNGScale || b.Dy() != n*PNGScale {
		t.Fatalf("image %v, want %d×%d", b, n*PNGScale, n*PNGScale)
	}
	// Every pixel of every module: black where the module is dark.
	for y := range n * PNGScale {
		for x := range n * PNGScale {
			r, _, _, _ := img.At(x, y).RGBA()
			if want := c.Module(x/PNGScale-QuietZone, y/PNGScale-QuietZone); (r == 0) != want {
				t.Fatalf("pixel (%d,%d) black=%v, want %v", x, y, r == 0, want)
			}
		}
	}
	// The file replaced keeps its mode, as build -o keeps it.
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old 0600", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want only link.png", len(entries))
	}
}

// --qr-png behaves as build -o: a symbolic link is followed and stays a
// link; a new file is 0644; a device is written in place, not replaced.
func TestWritePNGAsBuildOutput(t *testing.T) {
	c, err := Encode(testLink)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink("real.png", filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	if err := WritePNG(filepath.Join(dir, "link.png"), c); err != nil {
		t.Fatal(err)
	}
	if dest, err := os.Readlink(filepath.Join(dir, "link.png")); err != nil || dest != "real.png" {
		t.Errorf("link.png is no longer a link to real.png: %q, %v", dest, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "real.png")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("real.png: %v, %v; want a new file of mode 0644", fi, err)
	}
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mknod (needs root): %v", err)
		}
		t.Skipf("mknod (needs root): %v", err)
	}
	if err := WritePNG(dev, c); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dev); fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s was replaced: mode %v", dev, fi.Mode())
	}
}

func TestWritePNGMissingFolder(t *testing.T) {
	c, err := Encode("x")
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePNG(filepath.Join(t.TempDir(), "no", "such.png"), c); err == nil {
		t.Error("no error writing into a missing folder")
	}
}

func TestEncodeTooLong(t *testing.T) {
	_, err := Encode(strings.Repeat("a", 3000))
	if err == nil || !strings.Contains(err.Error(), "3000 bytes are too long for a QR code") {
		t.Errorf("error %v, want one saying 3000 bytes are too long", err)
	}
}
