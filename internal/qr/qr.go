// Package qr draws a link as a QR code: with Unicode half blocks for a
// terminal, or as a PNG image.
package qr

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	goqr "github.com/piglig/go-qr"
)

// QuietZone is the light margin, in modules, that the QR standard requires
// around the code; a phone camera finds the code by it.
const QuietZone = 4

// PNGScale is the side of one module in the PNG, in pixels: big enough to
// print on a flyer and to be scanned from a screen.
const PNGScale = 8

// Modules is a square of modules: Module(x, y) reports whether the module is
// dark, and is false outside 0 <= x, y < Size().
type Modules interface {
	Size() int
	Module(x, y int) bool
}

// Code is an encoded QR code.
type Code struct{ *goqr.QrCode }

// Encode makes the QR code of text with medium error correction (15% of the
// code can be damaged), raised when that fits in the same size.
func Encode(text string) (Code, error) {
	c, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return Code{}, fmt.Errorf("%d bytes are too long for a QR code: %w", len(text), err)
	}
	return Code{c}, nil
}

// Half-block glyphs: each character shows two rows of modules. A glyph's
// ink is a LIGHT module, so that on the usual light-on-dark terminal the
// code is dark on light, as a phone camera expects.
const (
	bothDark   = " "
	upperLight = "▀"
	lowerLight = "▄"
	bothLight  = "█"
)

// Colour codes for Render: light ink (bright white) on a dark (black)
// background, so the code also reads on a dark-on-light terminal theme.
const (
	colorOn  = "\x1b[97;40m"
	colorOff = "\x1b[0m"
)

// Render draws c with half blocks and a quiet zone of QuietZone modules, one
// line per two rows of modules. color adds escape codes that fix the colours,
// for terminals whose theme is dark on light.
func Render(w io.Writer, c Modules, color bool) error {
	n := c.Size() + 2*QuietZone
	var b strings.Builder
	// Two module rows per line; an odd last row is paired with one more row
	// of quiet zone, so every cell the code covers is drawn.
	for y := 0; y < n; y += 2 {
		if color {
			b.WriteString(colorOn)
		}
		for x := 0; x < n; x++ {
			b.WriteString(glyph(dark(c, x, y), dark(c, x, y+1)))
		}
		if color {
			b.WriteString(colorOff)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// dark reports whether the module at (x, y) is dark, counting the quiet zone
// from the top left corner of the drawing.
func dark(c Modules, x, y int) bool { return c.Module(x-QuietZone, y-QuietZone) }

func glyph(upperDark, lowerDark bool) string {
	switch {
	case upperDark && lowerDark:
		return bothDark
	case upperDark:
		return lowerLight
	case lowerDark:
		return upperLight
	}
	return bothLight
}

// WritePNG writes c as a black-on-white PNG with PNGScale pixels per module
// and the quiet zone. The file is written beside path under a temporary
// name and renamed, so path is never left half written.
func WritePNG(path string, c Code) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = c.WriteAsPNG(goqr.NewQrCodeImgConfig(PNGScale, QuietZone), tmp); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file private; an image is for sharing.
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
