// Package qr draws a link as a QR code: with Unicode half blocks for a
// terminal, or as a PNG image.
package qr

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"

	"github.com/yeqown/go-qrcode/v2"

	"github.com/paylink/paylink/internal/atomicfile"
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
type Code struct {
	bits [][]bool // bits[y][x]: dark
}

// Size is the side of the code in modules, without the quiet zone.
func (c Code) Size() int { return len(c.bits) }

// Module reports whether the module at (x, y) is dark; outside the code,
// in the quiet zone, it is light.
func (c Code) Module(x, y int) bool {
	return y >= 0 && y < len(c.bits) && x >= 0 && x < len(c.bits[y]) && c.bits[y][x]
}

// Encode makes the QR code of text, in byte mode (a link is ASCII) with
// medium error correction: 15% of the code can be damaged or dirty.
func Encode(text string) (Code, error) {
	q, err := qrcode.NewWith(text,
		qrcode.WithEncodingMode(qrcode.EncModeByte),
		qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return Code{}, fmt.Errorf("%d bytes are too long for a QR code: %w", len(text), err)
	}
	var m matrix
	if err := q.Save(&m); err != nil {
		return Code{}, err
	}
	return Code(m), nil
}

// matrix is a qrcode.Writer that keeps the modules.
type matrix struct{ bits [][]bool }

func (m *matrix) Write(mat qrcode.Matrix) error { m.bits = mat.Bitmap(); return nil }
func (m *matrix) Close() error                  { return nil }

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
// and the quiet zone, through atomicfile as build -o writes: never half
// written, a replaced file's mode kept, a symbolic link followed, a device
// or FIFO written in place.
func WritePNG(path string, c Code) error {
	return atomicfile.WriteFile(path, func(w io.Writer) error { return png.Encode(w, Image(c)) })
}

// Image draws c in black on white, PNGScale pixels per module, with the
// quiet zone.
func Image(c Modules) *image.Paletted {
	n := c.Size() + 2*QuietZone
	img := image.NewPaletted(image.Rect(0, 0, n*PNGScale, n*PNGScale), color.Palette{color.White, color.Black})
	for y := range n * PNGScale {
		for x := range n * PNGScale {
			if dark(c, x/PNGScale, y/PNGScale) {
				img.SetColorIndex(x, y, 1)
			}
		}
	}
	return img
}
