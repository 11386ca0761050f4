# The two commands of the README. Both install what is missing from
# Debian's packages, configure the build once and rebuild only what
# changed, so running them again is quick.

BUILD ?= build
APP := $(BUILD)/src/deliberate

DEBIAN_PACKAGES := build-essential meson ninja-build pkg-config gettext \
	libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev \
	libjson-glib-dev libsqlite3-dev libcairo2-dev libpango1.0-dev \
	appstream desktop-file-utils xvfb xauth xdotool imagemagick \
	poppler-utils libxml2-utils librsvg2-bin fonts-cantarell fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji dbus \
	at-spi2-core python3-pyatspi python3-pikepdf gtk-4-examples

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Run-time environment for the build tree: the compiled GSettings schema
# and the locale files live in the build folder until installed.
RUN_ENV := GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILD)/data \
	DELIBERATE_LOCALEDIR=$(CURDIR)/$(BUILD)/po

.PHONY: all deps build run test bench sanitize fuzz crash-test clean update-po

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing build dependencies:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD) -Dwerror=true

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	$(RUN_ENV) $(APP) --example

# -noreset: an X server resets when its last client leaves, and a test
# that connects during the reset finds no display.
test: build
	DLB_TEST_REQUIRE_DISPLAY=1 xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
	  meson test -C $(BUILD) --print-errorlogs --num-processes 2

# The benchmarks (never timed tests); the Decision Matrix's needs a display.
bench: build
	xvfb-run -a -s "-screen 0 1280x800x24 -noreset" meson test -C $(BUILD) --benchmark --verbose

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	[ -f build-sanitize/build.ninja ] || \
	  meson setup build-sanitize -Dwerror=true -Db_sanitize=address,undefined
	ninja -C build-sanitize
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 DLB_TEST_REQUIRE_DISPLAY=1 \
	  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
	  meson test -C build-sanitize --print-errorlogs --num-processes 2 --timeout-multiplier 4

# The crash-safety test at full length: the editor killed 200 times,
# each export 50 times (make test kills the editor 30 times, each export 10).
crash-test: build
	DLB_CRASH_KILLS=200 DLB_CRASH_EXPORT_KILLS=50 meson test -C $(BUILD) crash-safety --verbose --timeout-multiplier 4

# The libFuzzer harnesses of tests/fuzz, built with clang and the
# sanitizers in their own folder, each run for FUZZ_TIME seconds. What
# they find is written to build-fuzz/findings/TARGET/; an input that
# found a bug belongs in tests/fuzz/regressions/TARGET/ once it is fixed.
FUZZ_TIME ?= 300
FUZZ_BUILD := build-fuzz
FUZZ_TARGETS := json case-file

fuzz: deps
	command -v clang >/dev/null || $(SUDO) apt-get install -y --no-install-recommends clang
	[ -f $(FUZZ_BUILD)/build.ninja ] || \
	  CC=clang meson setup $(FUZZ_BUILD) -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(FUZZ_BUILD) $(addprefix tests/fuzz/fuzz-,$(FUZZ_TARGETS))
	set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/findings/$$t; \
	  case $$t in \
	    json) options=-dict=tests/fuzz/json.dict ;; \
	    *) options=-max_len=262144 ;; \
	  esac; \
	  echo "Fuzzing $$t for $(FUZZ_TIME) s"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    $(FUZZ_BUILD)/tests/fuzz/fuzz-$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
	      -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/findings/$$t/ $$options \
	      $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t; \
	done

update-po: $(BUILD)/build.ninja
	python3 data/templates/extract-strings.py
	ninja -C $(BUILD) deliberate-pot deliberate-update-po

clean:
	rm -rf $(BUILD) build-sanitize $(FUZZ_BUILD)
