# paylink's front door: `make test` is what CI runs.
GO      ?= go
BIN     := bin/paylink
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
FUZZTIME ?= 10s

.PHONY: build test unit fuzz lint bench install clean

build:
	$(GO) build -o $(BIN) .

# test: vet, format, tidiness, every unit and script test, then each fuzz
# target briefly.
test: lint unit fuzz

unit:
	$(GO) test -count=1 ./...

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzBuild$$' -fuzztime $(FUZZTIME) ./internal/link

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) mod tidy -diff

# bench: whole-process benchmarks, each reported as a ratio against a baseline
# program run alternately in the same benchmark (x-baseline).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./internal/bench

install:
	$(GO) install .

clean:
	rm -rf bin
