package config

import (
	"bytes"
	"fmt"
)

// MaxDepth is the deepest nesting a config file may have. paylink's own keys
// nest four deep (policy: allowed: utm_medium: [a list]); a file nested
// thousands deep is no paylink config, and decoding one takes minutes (or
// overflows the TOML decoder's stack). The depth is measured by a scan of
// the text, in linear time, before any decoder sees it.
const MaxDepth = 16

// MaxEntries is the most entries (keys and list items) a file may hold.
// The YAML decoder checks each key of a mapping against all the others, so
// a 1 MiB file of 150,000 keys took minutes; and every entry costs viper
// and the checks after it. 5,000 is fifty times what a team's presets
// need, and decodes in a fraction of a second (the YAML decoder's
// quadratic check of 10,000 keys in one mapping takes half a second).
const MaxEntries = 5_000

// checkDepth refuses a file of format typ nested deeper than MaxDepth, or
// holding more than MaxEntries entries, naming the line where it goes too
// far. The scans may count a level or an entry too many in odd corners (a
// plain scalar continued on a more indented line), never too few.
func checkDepth(path string, data []byte, typ string) error {
	var line int
	var tooMany bool
	switch typ {
	case "json":
		line, tooMany = jsonTooBig(data)
	case "toml":
		line, tooMany = tomlTooBig(data)
	default:
		line, tooMany = yamlTooBig(data)
	}
	switch {
	case line == 0:
		return nil
	case tooMany:
		return &Error{Path: path, Line: line, Msg: fmt.Sprintf(
			"holds more than %d keys and list items, which no paylink config needs (--no-config reads none)", MaxEntries)}
	}
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(
		"nested more than %d levels deep; paylink's keys nest at most 4 deep, so this is not a paylink config (--no-config reads none)", MaxDepth)}
}

// jsonTooBig returns the line where brackets outside strings nest deeper
// than MaxDepth, or where the commas outside strings pass MaxEntries
// (tooMany), or 0.
func jsonTooBig(data []byte) (line int, tooMany bool) {
	depth, entries := 0, 0
	line = 1
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case c == '\n':
			line++
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return line, false
			}
		case c == ']' || c == '}':
			depth--
		case c == ',':
			if entries++; entries > MaxEntries {
				return line, true
			}
		}
	}
	return 0, false
}

// tomlTooBig returns the line where a TOML file nests deeper than
// MaxDepth, or 0. A level is a part of a table header ([a.b] is two), a
// part of a dotted key (a.b.c = 1 is three), or an open array or inline
// table. tooMany reports that the line is where the keys, headers and
// commas passed MaxEntries.
func tomlTooBig(data []byte) (line int, tooMany bool) {
	s := tomlScan{data: data, line: 1, atKey: true}
	for s.i < len(data) {
		if s.step() {
			return s.line, false
		}
		if s.entries > MaxEntries {
			return s.line, true
		}
	}
	return 0, false
}

type tomlScan struct {
	data    []byte
	i       int
	line    int
	table   int    // levels of the current [table] header
	keys    int    // parts of the key being read, beyond the first
	open    []byte // the arrays and inline tables open: '[' or '{'
	atKey   bool   // reading a key, not a value
	header  bool   // reading a [table] header
	entries int    // keys, headers and commas
}

// step reads one token and reports whether the depth went over MaxDepth.
func (s *tomlScan) step() bool {
	c := s.data[s.i]
	s.i++
	switch {
	case c == '\n':
		s.line++
		if len(s.open) == 0 {
			s.atKey, s.keys = true, 0
		}
	case c == '#':
		for s.i < len(s.data) && s.data[s.i] != '\n' {
			s.i++
		}
	case c == '"' || c == '\'':
		s.skipString(c)
	case s.header && c == ']':
		s.header = false
		if s.i < len(s.data) && s.data[s.i] == ']' {
			s.i++ // [[array of tables]]
		}
	case c == '[' && s.atKey && len(s.open) == 0:
		s.header, s.table = true, 1
		s.entries++
		if s.i < len(s.data) && s.data[s.i] == '[' {
			s.i++
		}
		return s.table > MaxDepth
	case c == '.' && s.header:
		s.table++
		return s.table > MaxDepth
	case c == '.' && s.atKey:
		s.keys++
	case c == '=' && s.atKey:
		s.atKey = false
		s.entries++
	case c == '[' || c == '{':
		s.open = append(s.open, c)
		s.atKey, s.keys = c == '{', 0
	case c == ']' || c == '}':
		if len(s.open) > 0 {
			s.open = s.open[:len(s.open)-1]
		}
	case c == ',' && len(s.open) > 0 && s.open[len(s.open)-1] == '{':
		s.atKey, s.keys = true, 0
	case c == ',':
		s.entries++
	default:
		return false
	}
	return s.table+s.keys+len(s.open)+1 > MaxDepth
}

// skipString moves past a string opened by quote, counting its lines:
// '"' basic, '\” literal, or either tripled for a multi-line string.
func (s *tomlScan) skipString(quote byte) {
	end := []byte{quote}
	if bytes.HasPrefix(s.data[s.i:], []byte{quote, quote}) {
		end = []byte{quote, quote, quote}
		s.i += 2
	}
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '\\' && quote == '"':
			s.i++ // the escaped byte; a '\n' after '\' still counts below
			if s.i < len(s.data) && s.data[s.i] == '\n' {
				s.line++
			}
		case c == '\n':
			s.line++
			if len(end) == 1 {
				return // an unterminated one-line string: the decoder says so
			}
		case bytes.HasPrefix(s.data[s.i:], end):
			s.i += len(end)
			return
		}
		s.i++
	}
}

// yamlTooBig returns the line where a YAML file nests deeper than MaxDepth,
// or 0: block levels (each deeper indentation, and each "- " or "? " that
// starts a nested node on the same line) plus open flow collections ([ {).
// tooMany reports that the line is where the file went over MaxEntries
// (each line of content and each ',' in a flow collection counts one).
func yamlTooBig(data []byte) (line int, tooMany bool) {
	s := yamlScan{blockScalar: -1}
	for n, text := range bytes.Split(data, []byte("\n")) {
		if s.line(bytes.TrimSuffix(text, []byte("\r"))) {
			return n + 1, false
		}
		if s.entries > MaxEntries {
			return n + 1, true
		}
	}
	return 0, false
}

type yamlScan struct {
	indents     []int // the block levels open, by column
	flow        int   // open flow collections
	quote       byte  // a quoted scalar open across lines
	blockScalar int   // the column under which a | or > scalar's lines sit; -1 for none
	entries     int   // lines of content and ',' in flow collections
}

// line reads one line and reports whether the depth went over MaxDepth.
func (s *yamlScan) line(text []byte) bool {
	indent := 0
	for indent < len(text) && text[indent] == ' ' {
		indent++
	}
	rest := text[indent:]
	if s.blockScalar >= 0 {
		if len(rest) == 0 || indent > s.blockScalar {
			return false // the text of a block scalar
		}
		s.blockScalar = -1
	}
	if s.quote == 0 && s.flow == 0 {
		if len(rest) == 0 || rest[0] == '#' {
			return false
		}
		if indent == 0 && (bytes.HasPrefix(rest, []byte("---")) || bytes.HasPrefix(rest, []byte("..."))) {
			s.indents = s.indents[:0] // a new document
			return false
		}
		s.entries++
		// Each "- " or "? " starts a node one level deeper, on the same line.
		for {
			if s.push(indent) {
				return true
			}
			if len(rest) < 2 || (rest[0] != '-' && rest[0] != '?') || rest[1] != ' ' {
				break
			}
			n := 1
			for n < len(rest) && rest[n] == ' ' {
				n++
			}
			indent, rest = indent+n, rest[n:]
		}
	}
	return s.scanRest(indent, rest)
}

// push opens a block level at column col, closing the deeper ones.
func (s *yamlScan) push(col int) bool {
	for len(s.indents) > 0 && s.indents[len(s.indents)-1] > col {
		s.indents = s.indents[:len(s.indents)-1]
	}
	if len(s.indents) == 0 || s.indents[len(s.indents)-1] < col {
		s.indents = append(s.indents, col)
	}
	return len(s.indents)+s.flow > MaxDepth
}

// scanRest reads the rest of a line for quotes, flow collections, comments
// and a block scalar's | or >. A quote or bracket counts only where a node
// starts (a plain scalar such as it's or ^[a-z] holds them as text).
func (s *yamlScan) scanRest(indent int, rest []byte) bool {
	nodeStart := s.quote == 0
	last := byte(0) // the last byte outside quotes and comments
	for j := 0; j < len(rest); j++ {
		c := rest[j]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				j++
			case c == '\'' && s.quote == '\'' && j+1 < len(rest) && rest[j+1] == '\'':
				j++ // '' is a quote inside a single-quoted scalar
			case c == s.quote:
				s.quote, nodeStart = 0, false
			}
			continue
		}
		switch {
		case c == '#' && (j == 0 || rest[j-1] == ' ' || rest[j-1] == '\t'):
			j = len(rest)
			continue
		case c == ' ' || c == '\t':
			continue
		case (c == '"' || c == '\'') && nodeStart:
			s.quote = c
		case (c == '[' || c == '{') && (nodeStart || s.flow > 0):
			s.flow++
			if len(s.indents)+s.flow > MaxDepth {
				return true
			}
			nodeStart = true
		case (c == ']' || c == '}') && s.flow > 0:
			s.flow--
			nodeStart = false
		case c == ',' && s.flow > 0:
			nodeStart = true
			s.entries++
		case c == ':' && (j+1 == len(rest) || rest[j+1] == ' ' || s.flow > 0):
			nodeStart = true
		case (c == '-' || c == '?') && nodeStart && j+1 < len(rest) && rest[j+1] == ' ':
			// an entry indicator; the node follows
		case (c == '&' || c == '!') && nodeStart:
			for j+1 < len(rest) && rest[j+1] != ' ' {
				j++ // an anchor or a tag; the node follows
			}
		default:
			nodeStart = false
		}
		last = c
	}
	if s.flow == 0 && s.quote == 0 && isBlockIndicator(rest, last) {
		s.blockScalar = indent
	}
	return false
}

// isBlockIndicator tells whether a line ends with a block scalar's header:
// | or > with optional chomping and indentation indicators (|-, >+, |2).
func isBlockIndicator(rest []byte, last byte) bool {
	if i := bytes.Index(rest, []byte(" #")); i >= 0 {
		rest = rest[:i]
	}
	rest = bytes.TrimRight(rest, " \t")
	rest = bytes.TrimRight(rest, "+-0123456789")
	return len(rest) > 0 && (rest[len(rest)-1] == '|' || rest[len(rest)-1] == '>') && last != 0 &&
		(len(rest) == 1 || rest[len(rest)-2] == ' ')
}
