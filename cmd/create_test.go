package cmd

import (
	"slices"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
)

func TestCreateFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		check   func(*CreateOptions) bool
	}{
		{[]string{"--price", "price_1", "--redirect", "https://e.com/t", "-s", "news", "--metadata", "a=1", "--metadata", "b=2"}, "",
			func(o *CreateOptions) bool {
				return o.Quantity == 1 && o.Format == "text" && o.Build.Values.Value[link.UTMSource] == "news" &&
					slices.Equal(o.Metadata, []string{"a=1", "b=2"}) && !o.DryRun && !o.Live
			}},
		{[]string{"--price", "price_1", "--redirect", "https://e.com/t", "--format", "JSON", "--quantity", "3", "--dry-run"}, "",
			func(o *CreateOptions) bool { return o.Format == "json" && o.Quantity == 3 && o.DryRun }},
		{[]string{"-i", "c.csv", "-o", "out.csv"}, "", func(o *CreateOptions) bool { return o.Input == "c.csv" && o.Output == "out.csv" }},
		{[]string{"--price", "price_1"}, "give --price PRICE and --redirect URL", nil},
		{[]string{"--price", "price_1", "--redirect", "https://e.com/t", "--quantity", "0"}, "--quantity 0: give a whole number of at least 1", nil},
		{[]string{"--price", "price_1", "--redirect", "https://e.com/t", "-o", "x.csv"}, "--output goes with --input", nil},
		{[]string{"--price", "price_1", "--redirect", "https://e.com/t", "--format", "csv"}, `--format "csv": use text or json`, nil},
		{[]string{"-i", "c.csv", "--format", "json"}, "create writes the sheet back as CSV", nil},
		{[]string{"extra"}, "unknown command", nil},
	}
	for _, tt := range tests {
		streams, _, _, _ := iostreams.Test()
		var got *CreateOptions
		f := testFactory(streams)
		root := underRoot(f, NewCreateCmd(f, func(o *CreateOptions) error { got = o; return nil }))
		root.SetArgs(append([]string{"create", "--no-config"}, tt.args...))
		root.SetOut(&strings.Builder{})
		root.SetErr(&strings.Builder{})
		err := root.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got == nil || !tt.check(got) {
			t.Errorf("%v: error %v, options %+v", tt.args, err, got)
		}
	}
}
