# paylink's front door: `make test` is what CI runs.
GO      ?= go
BIN     := bin/paylink
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
# Fuzz budgets are counts of inputs (about 5-10 s each here), not durations:
# a duration races Go's fuzzing coordinator at its deadline and can fail with
# "context deadline exceeded" on a busy machine (golang/go#75804).
FUZZTIME ?= 200000x
# The bulk row paths are slower per input and share one target's budget.
BULKFUZZTIME ?= 40000x
# FuzzClassify checks every input against Google's regular expressions,
# about 1,400 inputs a second here: 200,000 would be over two minutes.
GA4FUZZTIME ?= 40000x
# Each new input that widens coverage is minimized before fuzzing goes on,
# by default for up to 60 s, during which both workers wait: FuzzText spent
# most of its time at 0 execs/s that way. A count keeps it to a moment (a
# crasher is still minimized, less far; its input is written either way).
FUZZMINIMIZE ?= 2000x
FUZZFLAGS = -run '^$$' -fuzzminimizetime $(FUZZMINIMIZE)
# Stamped into the binary; paylink --version prints them.
LDFLAGS := -X github.com/paylink/paylink/internal/build.Version=$(VERSION) \
           -X github.com/paylink/paylink/internal/build.Commit=$(COMMIT) \
           -X github.com/paylink/paylink/internal/build.Date=$(DATE)
# The Go programs the tests and CI run (staticcheck, stripe-mock) are pinned
# in tools/go.mod, a module of its own: `go tool` builds them into the build
# cache, so nothing needs installing. GOWORK=off: -modfile refuses a
# workspace.
GOTOOL  := GOWORK=off $(GO) tool -modfile=tools/go.mod
# staticcheck 0.8.x is the release that knows Go 1.26.
STATICCHECK ?= $(GOTOOL) staticcheck
# The goreleaser that checks .goreleaser.yaml: pinned, and run with go run,
# so nothing needs installing. v2.15.1 is the newest that builds with the
# Go this project uses.
GORELEASER ?= $(GO) run github.com/goreleaser/goreleaser/v2@v2.15.1
# make cross: every GOOS/GOARCH pair paylink ships for.
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

.PHONY: build test unit race fuzz lint staticcheck bench install clean completions man cross release-check

# build and install make the binary releases ship: static, without cgo
# (paylink needs none, and a cgo binary loads libc at every start).
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

# test: vet, format, tidiness, staticcheck, then every unit and script test
# (the fuzz targets' seed corpora included), some under the race detector.
# Fuzzing itself is `make fuzz`, which .ci/run runs after this.
test: lint unit race

# RACE_PKGS run their goroutines over shared streams (the bulk pipeline and
# the commands that drive it): `race` tests them under the race detector,
# and `unit` tests every other package, so each test runs once.
RACE_PKGS := ./cmd ./internal/bulk

unit:
	$(GO) test -count=1 $$($(GO) list ./... | grep -vxF "$$($(GO) list $(RACE_PKGS))")

race:
	$(GO) test -race -count=1 $(RACE_PKGS)

# fuzz: each fuzz target for a fixed number of inputs (a minute or two in
# all); the seed corpora already ran as ordinary tests in `make test`.
fuzz:
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzBuild$$' -fuzztime $(FUZZTIME) ./internal/link
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzMend$$' -fuzztime $(FUZZTIME) ./internal/link
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzText$$' -fuzztime $(FUZZTIME) ./internal/safe
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzInLine$$' -fuzztime $(FUZZTIME) ./internal/scan
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzWholeFile$$' -fuzztime $(FUZZTIME) ./internal/scan
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzCSV$$' -fuzztime $(BULKFUZZTIME) ./internal/bulk
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzJSONL$$' -fuzztime $(BULKFUZZTIME) ./internal/bulk
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzReadSessions$$' -fuzztime $(BULKFUZZTIME) ./internal/reconcile
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzClassify$$' -fuzztime $(GA4FUZZTIME) ./internal/ga4
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzLines$$' -fuzztime $(FUZZTIME) ./internal/wrap

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) mod tidy -diff
	cd tools && $(GO) mod tidy -diff
	$(MAKE) staticcheck

staticcheck:
	$(STATICCHECK) ./...

# bench: the four whole-process benchmarks of docs/performance.md, each
# reported as a ratio against a baseline program run alternately in the same
# benchmark (x-baseline, with both medians in ms, and a line saying the
# goal). About a minute on a quiet machine (more under load); the others
# (BulkSanitize) run with -bench.
bench:
	$(GO) test -run '^$$' -bench '^Benchmark(Scan|Reconcile|Startup|Bulk)$$' -benchtime 1x -timeout 60m ./internal/bench

install:
	CGO_ENABLED=0 $(GO) install -trimpath -ldflags '$(LDFLAGS)' .

# completions: the scripts in completions/, written by the binary itself; a
# test fails when they differ from what it writes.
completions:
	@mkdir -p completions
	$(GO) run . completion bash > completions/paylink.bash
	$(GO) run . completion zsh > completions/_paylink
	$(GO) run . completion fish > completions/paylink.fish
	$(GO) run . completion powershell > completions/paylink.ps1

# man: one page per command into man/ (not checked in).
man:
	$(GO) run ./cmd/gendocs man

# cross: build for every platform without cgo, so the clipboard and
# terminal code must compile everywhere.
cross:
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "$$os/$$arch"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' \
			-o bin/cross/paylink-$$os-$$arch$$ext .; \
	done

# release-check: goreleaser's own validation of .goreleaser.yaml.
release-check:
	$(GORELEASER) check

clean:
	rm -rf bin man
