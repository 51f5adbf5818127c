# sgmap - draw AWS security groups as Venn-style clusters.
#
#   make              build ./sgmap
#   make check        build and run the unit and golden tests
#   make deps         install the Debian packages the build and tests need
#   make demo         render samples/ to SVG
#   make SANITIZE=address,undefined check
#   make fuzz         build the libFuzzer targets (clang); make fuzz-run, fuzz-smoke
#   make bench        speed against jq, and drawing time and memory
#   make install / uninstall   (PREFIX, DESTDIR)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
PKGS    := libcgraph libgvc jansson yaml-0.1
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow \
           -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VERSION := 0.1.0

ifneq ($(SANITIZE),)
  SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
  BUILD    := build-san
else
  SANFLAGS :=
  BUILD    := build
endif
ifneq ($(WERROR),)
  WARN += -Werror
endif

# One folder per stage of the pipeline (see README, "Layout of the code").
SRCS := $(sort $(wildcard src/*/*.c src/*/*/*.c))
OBJS := $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS))
DEPS := $(OBJS:.o=.d)
THEMES := $(sort $(wildcard templates/*.theme))
BIN  := $(BUILD)/sgmap
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT := $(BUILD)/unit_tests

.PHONY: all check deps demo install uninstall clean lint bench

all: $(BIN) sgmap

sgmap: $(BIN)
	@if [ "$(BUILD)" = build ]; then ln -sf $(BIN) sgmap; fi

# -MMD: each object also depends on every header it includes, the
# folder-private *_internal.h ones too (build/**/*.d).
$(BUILD)/%.o: src/%.c $(BUILD)/themes.inc | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -I$(BUILD) -DSGMAP_VERSION='"$(VERSION)"' $(PKG_CFLAGS) \
	    $(WARN) $(CFLAGS) $(SANFLAGS) -MMD -MP -c -o $@ $<

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) -lm

# The themes are built into the binary so that an installed sgmap needs no
# templates folder: each file becomes one C string literal.
$(BUILD)/themes.inc: $(THEMES) Makefile | $(BUILD)
	@{ for f in $(THEMES); do \
	    n=$$(basename $$f .theme); \
	    printf '{"%s",\n' "$$n"; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f; \
	    printf '},\n'; \
	  done; } > $@.tmp && mv $@.tmp $@

$(BUILD):
	mkdir -p $(BUILD)

check: all $(UNIT)
	LC_ALL=C SGMAP_UNIT=$(abspath $(UNIT)) sh tests/run.sh $(abspath $(BIN))

# The unit tests (tests/unit/) link the project's objects but the command line.
$(UNIT): $(UNIT_SRCS) tests/unit/unit.h $(filter-out $(BUILD)/cli/%.o,$(OBJS))
	$(CC) $(CPPFLAGS) -Itests/unit $(PKG_CFLAGS) $(WARN) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) \
	    -o $@ $(UNIT_SRCS) $(filter-out $(BUILD)/cli/%.o,$(OBJS)) $(PKG_LIBS) -lm

# Debian packages needed to build, test and demo; sudo only when not root.
DEBS := build-essential pkg-config libgraphviz-dev libjansson-dev libyaml-dev \
        librsvg2-bin jq python3-yaml clang libclang-rt-dev valgrind chromium time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
deps:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS)

demo: all
	@mkdir -p demo
	@for f in samples/*.yaml; do \
	    out=demo/$$(basename $$f .yaml).svg; \
	    ./$(BIN) -q "$$f" -o "$$out" || exit 1; \
	    echo "drew $$out"; \
	done
	@echo "open the SVG files in demo/ with a browser"

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/sgmap
	install -m 644 sgmap.1 $(DESTDIR)$(MANDIR)/man1/sgmap.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sgmap $(DESTDIR)$(MANDIR)/man1/sgmap.1

# Speed and memory: import + DOT and JSON of two synthetic accounts against
# `jq empty` on the same files, side by side (see BENCHMARKS.md).
bench: all
	sh tests/bench/run.sh $(abspath $(BIN))

# Banned functions (curl's checksrc list, the ones that matter here).
lint:
	@! grep -rnE --include='*.c' '\b(sprintf|strcpy|strcat|strtok|atoi|atol|gets)\s*\(' src || \
	    { echo "banned function used"; exit 1; }

include tests/fuzz/fuzz.mk
-include $(DEPS)

clean:
	rm -rf build build-san build-fuzz sgmap demo
