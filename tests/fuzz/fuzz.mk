# tests/fuzz/fuzz.mk - libFuzzer targets for the importers and the port-label
# grammar, included by the top-level Makefile.
#
#   make fuzz                  build build-fuzz/fuzz_* (clang, ASan + UBSan)
#   make fuzz-run FUZZ_TIME=600   run every target for FUZZ_TIME seconds each,
#                              two at a time, seeded from tests/ and ../shared/corpus
#   make fuzz-smoke            fuzz-replay, then every target for 20 seconds (for .ci/run)
#   make fuzz-replay           every input under tests/cases through every importer
#                              target in one process each (state must not leak
#                              from one input to the next)
#
# The project's objects are rebuilt with clang and -fsanitize=fuzzer-no-link
# into build-fuzz/ (the command line, src/cli/, excluded); each target adds its own main via
# -fsanitize=fuzzer. Crashes land in build-fuzz/crashes/TARGET/. UBSan
# checks stay recoverable so that run.sh can suppress known, reported
# findings (tests/fuzz/ubsan.supp) and halt on every other one.

FUZZ_CC      ?= clang
FUZZ_BUILD   := build-fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer
FUZZ_CFLAGS  := -O1 -g $(FUZZ_SAN)
FUZZ_TARGETS := design aws terraform cloudformation ports hcl
FUZZ_TIME    ?= 600
FUZZ_JOBS    ?= 2
FUZZ_SRCS    := $(filter-out src/cli/%.c,$(SRCS))
FUZZ_OBJS    := $(patsubst src/%.c,$(FUZZ_BUILD)/%.o,$(FUZZ_SRCS))
FUZZ_BINS    := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-run fuzz-smoke fuzz-replay
# Keep the objects: they are built through a pattern-rule chain.
.SECONDARY: $(FUZZ_OBJS)

fuzz: $(FUZZ_BINS)

$(FUZZ_BUILD)/%.o: src/%.c $(BUILD)/themes.inc $(BUILD)/html_templates.inc | $(FUZZ_BUILD)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -I$(BUILD) -DSGMAP_VERSION='"$(VERSION)"' $(PKG_CFLAGS) \
	    $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
	    -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS) -lm

$(FUZZ_BUILD):
	mkdir -p $(FUZZ_BUILD)

fuzz-run: fuzz
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TIME) $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-replay
	sh tests/fuzz/run.sh $(FUZZ_BUILD) 20 $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-replay: fuzz
	@inputs=$$(find tests/cases -type f \( -name 'input*' -o -name '*.json' -o -name '*.yaml' \
	    -o -name '*.tfstate' \) | sort); \
	for t in $(filter-out ports,$(FUZZ_TARGETS)); do \
	    $(FUZZ_BUILD)/fuzz_$$t -runs=0 $$inputs > $(FUZZ_BUILD)/replay-$$t.log 2>&1 || \
	        { echo "fuzz_$$t: replay failed, see $(FUZZ_BUILD)/replay-$$t.log"; \
	          grep -m3 -E 'ERROR|runtime error' $(FUZZ_BUILD)/replay-$$t.log; exit 1; }; \
	    echo "fuzz_$$t: replayed $$(echo $$inputs | wc -w) inputs"; \
	done
-include $(FUZZ_OBJS:.o=.d)
