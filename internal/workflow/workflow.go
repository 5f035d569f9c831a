// Package workflow writes GitHub Actions workflow commands, the lines
// ("::error file=F,line=N::message") that the runner turns into
// annotations on a pull request.
//
// Escaping follows GitHub's own toolkit (@actions/core, command.ts), which
// the runner undoes: in the message '%', CR and LF become %25, %0D and %0A;
// in a property value ':' and ',' also become %3A and %2C. So a value can
// neither end the line (and start a forged command on the next) nor add a
// property of its own.
package workflow

import "strings"

// Prop is one property of a command, such as file=site/index.html.
type Prop struct {
	Name, Value string
}

// Command returns the workflow command named name (error, warning,
// notice) with props and message, as one line without its line ending.
// Props with an empty value are left out.
func Command(name string, props []Prop, message string) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(name)
	sep := " "
	for _, p := range props {
		if p.Value == "" {
			continue
		}
		b.WriteString(sep)
		b.WriteString(p.Name)
		b.WriteByte('=')
		b.WriteString(EscapeProperty(p.Value))
		sep = ","
	}
	b.WriteString("::")
	b.WriteString(EscapeData(message))
	return b.String()
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// EscapeData escapes a command's message.
func EscapeData(s string) string { return dataEscaper.Replace(s) }

// EscapeProperty escapes a property value.
func EscapeProperty(s string) string { return propertyEscaper.Replace(s) }
