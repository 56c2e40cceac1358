# jingdu — single non-recursive Makefile.
#   make            build ./jingdu
#   make run        install missing build dependencies, build, open the bundled sample
#   make test       install missing dependencies, build, run every test (unit, e2e, fuzz smoke)
#   make bench      performance figures against the floors of SPEC §9
#   make SANITIZE=address,undefined test    the same under sanitizers
-include config.mk

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
BUILD ?= build
SHARED ?= $(CURDIR)/../shared

WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
	-Wformat=2 -Wvla -Wundef -Wpointer-arith -Wcast-qual
ifeq ($(DEVELOPER),1)
WARNINGS += -Werror
endif

NCURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null || echo -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600)
NCURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)

ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 $(WARNINGS) -Iinclude -I$(BUILD)/gen \
	-MMD -MP $(CFLAGS)
CORE_LIBS = -lunistring -liniparser -lsqlite3 -lmd4c -luchardet -lm

ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

ifneq ($(V),1)
Q = @
quiet = @printf '  %-7s %s\n' $(1) $(2);
endif

CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
UI_SRC := $(wildcard src/ui/*.c)
EMBED_FILES := $(sort $(wildcard samples/*.txt) $(wildcard themes/*.ini))
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
UI_OBJ := $(UI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/src/main.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
E2E_TESTS := $(wildcard tests/e2e/*-test)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%-replay)

.PHONY: all run test check unit e2e fuzz fuzz-smoke bench deps clean fmt fmt-check install docs docs-check
all: jingdu

jingdu: $(UI_OBJ) $(BUILD)/libjingdu.a
	$(call quiet,LINK,$@)$(CC) $(LDFLAGS) -o $@ $(UI_OBJ) $(BUILD)/libjingdu.a $(NCURSES_LIBS) $(CORE_LIBS)

$(BUILD)/libjingdu.a: $(CORE_OBJ)
	$(call quiet,AR,$@)rm -f $@ && ar rcs $@ $(CORE_OBJ)

$(BUILD)/gen/embedded.c: scripts/embed.sh $(EMBED_FILES)
	@mkdir -p $(dir $@)
	$(call quiet,GEN,$@)sh scripts/embed.sh $@ $(EMBED_FILES)

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(call quiet,CC,$<)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/src/ui/%.o $(BUILD)/src/main.o: ALL_CFLAGS += $(filter-out -D_XOPEN_SOURCE=%,$(NCURSES_CFLAGS))

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libjingdu.a tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libjingdu.a $(CORE_LIBS)

$(BUILD)/fuzz/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libjingdu.a
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libjingdu.a $(CORE_LIBS)

deps:
	$(Q)sh scripts/deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory jingdu
	./jingdu

unit: $(UNIT_BIN)
e2e: jingdu

# make test: dependencies, build, then every suite through one runner whose last line
# reads "N passed, N failed".
test check: deps
	$(Q)$(MAKE) --no-print-directory jingdu $(UNIT_BIN) $(FUZZ_REPLAY)
	$(Q)JINGDU_SHARED="$(SHARED)" JINGDU_BUILD="$(BUILD)" sh tests/run.sh $(UNIT_BIN) $(FUZZ_REPLAY:%=fuzz:%) $(E2E_TESTS)

fuzz-smoke: $(FUZZ_REPLAY)
	$(Q)JINGDU_SHARED="$(SHARED)" sh tests/run.sh $(FUZZ_REPLAY:%=fuzz:%)

# make fuzz: build every target with clang + libFuzzer + ASan and run each FUZZ_SECONDS.
FUZZ_SECONDS ?= 30
fuzz:
	$(Q)mkdir -p $(BUILD)/libfuzzer
	$(Q)for t in $(FUZZ_SRC); do n=$$(basename $$t .c); \
	  clang -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -g -O1 -Iinclude -fsanitize=fuzzer,address,undefined \
	    -o $(BUILD)/libfuzzer/$$n $$t $(CORE_SRC) $(CORE_LIBS) || exit 1; \
	  c=tests/fuzz/corpus/$${n#fuzz_}; d=tests/fuzz/dict/$${n#fuzz_}.dict; w=$(BUILD)/libfuzzer/$$n-corpus; \
	  mkdir -p $$w; cp $$c/* $$w/ 2>/dev/null; \
	  $(BUILD)/libfuzzer/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 $$( [ -f $$d ] && echo -dict=$$d ) $$w || exit 1; \
	done

bench: deps
	$(Q)$(MAKE) --no-print-directory jingdu $(BUILD)/libjingdu.a
	$(Q)JINGDU_SHARED="$(SHARED)" JINGDU_BUILD="$(BUILD)" CC="$(CC)" sh bench/run.sh

fmt:
	clang-format -i src/*.c src/ui/*.c include/jingdu/*.h tests/unit/*.c

fmt-check:
	clang-format --dry-run --Werror src/*.c src/ui/*.c include/jingdu/*.h

PREFIX ?= /usr/local
install: jingdu
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/jingdu/themes $(DESTDIR)$(PREFIX)/share/jingdu/data
	install -m 755 jingdu $(DESTDIR)$(PREFIX)/bin/jingdu
	cp -r themes/. $(DESTDIR)$(PREFIX)/share/jingdu/themes/
	cp -r data/. $(DESTDIR)$(PREFIX)/share/jingdu/data/
	install -d $(DESTDIR)$(PREFIX)/share/jingdu/samples $(DESTDIR)$(PREFIX)/share/man/man1
	cp samples/*.txt $(DESTDIR)$(PREFIX)/share/jingdu/samples/
	install -m 644 man/jingdu.1 $(DESTDIR)$(PREFIX)/share/man/man1/jingdu.1

clean:
	rm -rf $(BUILD) jingdu

-include $(CORE_OBJ:.o=.d) $(UI_OBJ:.o=.d)
