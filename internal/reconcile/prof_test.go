package reconcile

import (
	"os"
	"testing"
)

func TestProfLinks(t *testing.T) {
	f, err := os.Open("/tmp/rcgen/links200k.txt")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	ix := NewIndex(DefaultBy)
	if err := ix.Read("links.txt", f, LinksLines); err != nil {
		t.Fatal(err)
	}
	t.Log(ix.Links())
}
