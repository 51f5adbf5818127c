# sgmap - draw AWS security groups as Venn-style clusters.
#
#   make              build ./sgmap
#   make check        build and run the unit and golden tests
#   make deps         install the Debian packages the build and tests need
#   make demo         render samples/ to SVG
#   make SANITIZE=address,undefined check
#   make fuzz         build the libFuzzer targets (clang); make fuzz-run, fuzz-smoke
#   make bench        speed against jq, drawing time and memory, the HTML map in Chromium
#   make install / uninstall   (PREFIX, DESTDIR)
#   make dist         the source tarball sgmap-VERSION.tar.gz (DISTDIR)
#   make deb          the Debian package, in build-deb/ (DEBDIR)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
DESTDIR ?=

CC      ?= cc
PKGS    := libcgraph libgvc jansson yaml-0.1
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow \
           -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# The version has one home, the first line of debian/changelog.
VERSION := $(shell head -n 1 debian/changelog | cut -d ' ' -f 2 | tr -d '()')

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
SRCS := $(sort $(wildcard src/*/*.c src/*/*/*.c src/*/*/*/*.c))
OBJS := $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS))
DEPS := $(OBJS:.o=.d)
THEMES := $(sort $(wildcard templates/*.theme))
HTML_TEMPLATES := templates/map.css templates/map.js
BIN  := $(BUILD)/sgmap
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT := $(BUILD)/unit_tests

.PHONY: all check deps demo install uninstall clean lint bench dist deb

COLLECT := $(BUILD)/sgmap-collect

all: $(BIN) sgmap $(COLLECT)

# The collector is a shell script; the build only puts the version in.
$(COLLECT): sgmap-collect.sh Makefile | $(BUILD)
	sed 's/@VERSION@/$(VERSION)/' sgmap-collect.sh > $@.tmp && chmod 755 $@.tmp && mv $@.tmp $@

sgmap: $(BIN)
	@if [ "$(BUILD)" = build ]; then ln -sf $(BIN) sgmap; fi

# -MMD: each object also depends on every header it includes, the
# folder-private *_internal.h ones too (build/**/*.d).
$(BUILD)/%.o: src/%.c $(BUILD)/themes.inc $(BUILD)/html_templates.inc | $(BUILD)
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

# The HTML map's style and script (emit_html.c), built in the same way,
# one literal a line, each with the SHA-256 (base64) that the page's
# Content-Security-Policy allows it by.
$(BUILD)/html_templates.inc: $(HTML_TEMPLATES) Makefile | $(BUILD)
	@{ for f in $(HTML_TEMPLATES); do \
	    n=$$(basename $$f | tr . _); \
	    printf 'static const char *const %s_lines[] = {\n' "$$n"; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n",/' $$f; \
	    printf 'NULL};\nstatic const char %s_sha256[] = "%s";\n' "$$n" \
	        "$$(sha256sum $$f | cut -c1-64 | tr a-f A-F | basenc --base16 -d | base64)"; \
	  done; } > $@.tmp && mv $@.tmp $@

$(BUILD):
	mkdir -p $(BUILD)

check: all $(UNIT) $(BUILD)/hcl_dump
	LC_ALL=C SGMAP_UNIT=$(abspath $(UNIT)) sh tests/run.sh $(abspath $(BIN))

# The unit tests (tests/unit/) link the project's objects but the command line.
$(UNIT): $(UNIT_SRCS) tests/unit/unit.h $(filter-out $(BUILD)/cli/%.o,$(OBJS))
	$(CC) $(CPPFLAGS) -Itests/unit $(PKG_CFLAGS) $(WARN) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) \
	    -o $@ $(UNIT_SRCS) $(filter-out $(BUILD)/cli/%.o,$(OBJS)) $(PKG_LIBS) -lm

# The HCL reader's test driver (tests/hcl/, tests/scripts/hcl_*.sh).
$(BUILD)/hcl_dump: tests/hcl/hcl_dump.c $(filter-out $(BUILD)/cli/%,$(OBJS))
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) $(SANFLAGS) -o $@ $< \
	    $(filter-out $(BUILD)/cli/%,$(OBJS)) $(PKG_LIBS) -lm

# Debian packages needed to build, test and demo; sudo only when not root.
DEBS := build-essential pkg-config libgraphviz-dev libjansson-dev libyaml-dev \
        librsvg2-bin jq python3-yaml clang libclang-rt-dev valgrind chromium zsh \
        debhelper dpkg-dev lintian time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
deps:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS)
	@# Node.js and npm for the browser test: Debian's, unless the machine has its own
	@# (a second Node.js from apt conflicts with an installed one).
	command -v npm >/dev/null 2>&1 || \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
	cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

demo: all
	@mkdir -p demo
	@for f in samples/*.yaml; do \
	    out=demo/$$(basename $$f .yaml).svg; \
	    ./$(BIN) -q "$$f" -o "$$out" || exit 1; \
	    echo "drew $$out"; \
	done
	@echo "open the SVG files in demo/ with a browser"

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/sgmap
	install -m 755 $(COLLECT) $(DESTDIR)$(BINDIR)/sgmap-collect
	install -m 644 sgmap.1 sgmap-collect.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 completions/sgmap.bash $(DESTDIR)$(BASHCOMPDIR)/sgmap
	ln -sf sgmap $(DESTDIR)$(BASHCOMPDIR)/sgmap-collect
	install -m 644 completions/_sgmap $(DESTDIR)$(ZSHCOMPDIR)/_sgmap

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sgmap $(DESTDIR)$(BINDIR)/sgmap-collect \
	    $(DESTDIR)$(MANDIR)/man1/sgmap.1 $(DESTDIR)$(MANDIR)/man1/sgmap-collect.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/sgmap $(DESTDIR)$(BASHCOMPDIR)/sgmap-collect \
	    $(DESTDIR)$(ZSHCOMPDIR)/_sgmap

# ==== Releases ====

# What a source tarball holds: every file of the project, none that a build
# or a test makes (tests/scripts/dist_files.sh compares it with git's list).
DIST_FILES := .ci .gitignore BENCHMARKS.md CHANGELOG.md Makefile README.md action action.yml completions \
              debian include samples sgmap-collect.1 sgmap-collect.sh sgmap.1 src \
              templates tests
DIST_NAME  := sgmap-$(VERSION)
DISTDIR    ?= .

# A reproducible tarball: sorted names, no owners, every time the one of
# debian/changelog's date.
dist:
	@rm -rf $(BUILD)/dist && mkdir -p $(BUILD)/dist/$(DIST_NAME)
	tar -cf - --exclude=tests/bench/out --exclude=tests/bench/gen_account --exclude=node_modules \
	    --exclude='*.tmp' $(DIST_FILES) | tar -xf - -C $(BUILD)/dist/$(DIST_NAME)
	tar -C $(BUILD)/dist -cf - --sort=name --owner=0 --group=0 --numeric-owner \
	    --mtime="$$(dpkg-parsechangelog -S Date 2>/dev/null || echo @0)" $(DIST_NAME) | \
	    gzip -9n > $(DISTDIR)/$(DIST_NAME).tar.gz
	@rm -rf $(BUILD)/dist
	@echo "wrote $(DISTDIR)/$(DIST_NAME).tar.gz"

# The Debian package, built from the source tarball (so never from stray
# files, and without cleaning this tree) with dpkg-buildpackage, outside
# this make's flags (SANITIZE, WERROR). It is built again only when the
# tarball's content changed.
DEBDIR   ?= build-deb
DEB_ARCH  = $(shell dpkg --print-architecture)
DEB_FILE  = $(DEBDIR)/sgmap_$(VERSION)_$(DEB_ARCH).deb
deb:
	@mkdir -p $(DEBDIR)
	@$(MAKE) -s dist DISTDIR=$(abspath $(DEBDIR)) > /dev/null
	@sum=$$(gzip -dc $(DEBDIR)/$(DIST_NAME).tar.gz | sha256sum); \
	if [ -f $(DEB_FILE) ] && [ "$$(cat $(DEBDIR)/source.sha256 2>/dev/null)" = "$$sum" ]; then \
	    echo "$(DEB_FILE) is up to date"; \
	else \
	    rm -rf $(DEBDIR)/$(DIST_NAME) $(DEBDIR)/source.sha256 $(DEB_FILE) && \
	    tar -C $(DEBDIR) -xzmf $(DEBDIR)/$(DIST_NAME).tar.gz && \
	    (cd $(DEBDIR)/$(DIST_NAME) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	        dpkg-buildpackage -us -uc -b) > $(DEBDIR)/build.log 2>&1 || \
	        { tail -40 $(DEBDIR)/build.log; exit 1; }; \
	    rm -rf $(DEBDIR)/$(DIST_NAME); \
	    echo "$$sum" > $(DEBDIR)/source.sha256; \
	    echo "wrote $(DEB_FILE)"; \
	fi

# Speed and memory: import + DOT and JSON of two synthetic accounts against
# `jq empty` on the same files, side by side (see BENCHMARKS.md); then loading
# a 2,000-resource Terraform configuration against `jq empty` on its .tf.json twin.
bench: all $(BUILD)/hcl_dump
	sh tests/bench/run.sh $(abspath $(BIN))
	sh tests/bench/html.sh $(abspath $(BIN))
	sh tests/bench/hcl.sh $(abspath $(BUILD))/hcl_dump

# Banned functions (curl's checksrc list, the ones that matter here).
lint:
	@! grep -rnE --include='*.c' '\b(sprintf|strcpy|strcat|strtok|atoi|atol|gets)\s*\(' src || \
	    { echo "banned function used"; exit 1; }

include tests/fuzz/fuzz.mk
-include $(DEPS)

clean:
	rm -rf build build-san build-fuzz build-deb sgmap demo
