// Package sarif writes paylink's problems as a SARIF 2.1.0 log (OASIS Static
// Analysis Results Interchange Format), the format GitHub code scanning and
// other viewers read: one run, one rule per kind of problem (link.Rules),
// one result per problem.
package sarif

import (
	"net/url"
	"path/filepath"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// Version and SchemaURI name the SARIF version written and its schema, as
// published by OASIS (errata 01).
const (
	Version   = "2.1.0"
	SchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// Log is a SARIF log; only the properties paylink fills are declared.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

type Run struct {
	Tool Tool `json:"tool"`
	// ColumnKind is the unit of startColumn. SARIF knows no byte columns;
	// GitHub and VS Code's viewer count UTF-16 code units.
	ColumnKind string   `json:"columnKind"`
	Results    []Result `json:"results"`
}

type Tool struct {
	Driver Driver `json:"driver"`
}

type Driver struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []Rule `json:"rules"`
}

type Rule struct {
	ID                   string        `json:"id"`
	ShortDescription     Message       `json:"shortDescription"`
	FullDescription      Message       `json:"fullDescription"`
	Help                 Message       `json:"help"`
	DefaultConfiguration Configuration `json:"defaultConfiguration"`
}

type Configuration struct {
	Level string `json:"level"`
}

type Message struct {
	Text string `json:"text"`
}

type Result struct {
	RuleID    string     `json:"ruleId"`
	RuleIndex int        `json:"ruleIndex"`
	Level     string     `json:"level"`
	Message   Message    `json:"message"`
	Locations []Location `json:"locations,omitempty"`
	Fixes     []Fix      `json:"fixes,omitempty"`
}

// Fix is a repair a viewer can offer (paylink validate --fix makes it).
type Fix struct {
	Description     Message          `json:"description"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

type ArtifactChange struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Replacements     []Replacement    `json:"replacements"`
}

type Replacement struct {
	DeletedRegion   Region           `json:"deletedRegion"`
	InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
}

type ArtifactContent struct {
	Text string `json:"text"`
}

// Edit is one replacement of a fix: on Line, the UTF-16 columns
// [StartColumn, EndColumn) replaced by Text.
type Edit struct {
	Description string
	Line        int
	StartColumn int
	EndColumn   int
	Text        string
}

type Location struct {
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
}

type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

type ArtifactLocation struct {
	URI string `json:"uri"`
}

type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// Where a problem was found. File is "" for a link given directly, which
// has no location.
type Where struct {
	File        string // as the scan named it
	Line        int    // 1-based
	ColumnUTF16 int    // 1-based, in UTF-16 code units; 0 when unknown
}

// Builder collects results into a log with every rule of link.Rules.
type Builder struct {
	log   Log
	index map[link.RuleID]int
	root  string // the folder uris are relative to
}

// New starts a log for paylink at version. File names are made relative to
// root (the working directory) and written with '/'.
func New(version, root string) *Builder {
	b := &Builder{index: map[link.RuleID]int{}, root: root}
	var rules []Rule
	for i, r := range link.Rules {
		b.index[r.ID] = i
		rules = append(rules, Rule{
			ID:                   string(r.ID),
			ShortDescription:     Message{r.Short},
			FullDescription:      Message{r.Full},
			Help:                 Message{r.Help},
			DefaultConfiguration: Configuration{string(r.Severity())},
		})
	}
	b.log = Log{Schema: SchemaURI, Version: Version, Runs: []Run{{
		Tool: Tool{Driver: Driver{Name: "paylink", Version: version,
			InformationURI: "https://github.com/paylink/paylink", Rules: rules}},
		ColumnKind: "utf16CodeUnits",
		Results:    []Result{},
	}}}
	return b
}

// Add records one problem found at w; link is the link as shown, named in
// the message when there is no file to point at.
// Each of fixes, in a file, is a repair of the problem that viewers (and
// reviewdog) can offer.
func (b *Builder) Add(w Where, shown string, p *link.Problem, fixes ...Edit) {
	id := p.RuleID()
	r := Result{RuleID: string(id), RuleIndex: b.index[id], Level: string(p.Severity), Message: Message{message(w, shown, p)}}
	if w.File != "" {
		r.Locations = []Location{{PhysicalLocation{ArtifactLocation{b.uri(w.File)}, region(w)}}}
		for _, e := range fixes {
			// An empty deleted region (an insertion) has its end column
			// at its start: endColumn is left out only when it would be 0.
			r.Fixes = append(r.Fixes, Fix{Description: Message{e.Description}, ArtifactChanges: []ArtifactChange{{
				ArtifactLocation: ArtifactLocation{b.uri(w.File)},
				Replacements: []Replacement{{
					DeletedRegion:   Region{StartLine: e.Line, StartColumn: e.StartColumn, EndColumn: e.EndColumn},
					InsertedContent: &ArtifactContent{e.Text},
				}},
			}}})
		}
	}
	b.log.Runs[0].Results = append(b.log.Runs[0].Results, r)
}

// message is the problem as one sentence: "utm_source "a b": ...", and for
// a link given directly the link first, since there is no location.
func message(w Where, shown string, p *link.Problem) string {
	param := p.Param
	if param == "" {
		param = "link"
	}
	msg := param + " " + p.Message()
	if p.Param == "" && w.File != "" {
		msg = "link " + link.Quote(p.Value) + ": " + p.Message()
	}
	if w.File == "" {
		msg = shown + ": " + msg
	}
	return msg
}

func region(w Where) *Region {
	if w.Line < 1 {
		return nil
	}
	return &Region{StartLine: w.Line, StartColumn: w.ColumnUTF16}
}

// uri is file as a URI reference relative to the root, with '/' and
// percent-encoded where a URI needs it ("my file.html" → "my%20file.html");
// a file outside the root is an absolute file: URI.
func (b *Builder) uri(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	rel, err := filepath.Rel(b.root, abs)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// url.URL writes "./" before a first segment holding ':', which
		// would otherwise read as a scheme.
		return (&url.URL{Path: filepath.ToSlash(rel)}).String()
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Log returns the log built so far.
func (b *Builder) Log() *Log { return &b.log }
