# atelier: plain make, no autotools.
#   make            build the library and the extension script
#   make check      install missing build dependencies, then run every test suite
#   make installcheck   the SQL suites against the cluster the PG* variables name
#   make demo       the main job on sample data
#   make install / uninstall   PREFIX, DESTDIR, LIBDIR, INCLUDEDIR honoured

VERSION    := 0.1.0
SOVERSION  := 1
PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
LOCALEDIR  ?= $(DATADIR)/locale
DESTDIR    ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
CFLAGS     += -Wall -Wextra -Werror -std=c11
CPPFLAGS   += -D_GNU_SOURCE -Iinclude -DATELIER_VERSION='"$(VERSION)"' -DATELIER_LOCALEDIR='"$(LOCALEDIR)"'

# Dependencies come from pkg-config; evaluated only when a rule needs them.
LIB_DEPS     = libpq libxml-2.0 libcrypto pam
DEPS_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(LIB_DEPS))
DEPS_LIBS    = $(shell $(PKG_CONFIG) --libs $(LIB_DEPS))
CMOCKA_FLAGS = $(shell $(PKG_CONFIG) --cflags --libs cmocka)

B          := build
LIB_SRC    := $(sort $(wildcard module/lib/*.c))
LIB_OBJ    := $(LIB_SRC:module/lib/%.c=$(B)/lib/%.o)
LIB_REAL   := $(B)/libatelier.so.$(SOVERSION).0.0
LIB_SONAME := libatelier.so.$(SOVERSION)
CLI_SRC    := $(sort $(wildcard module/cli/*.c))
CLI_OBJ    := $(CLI_SRC:module/cli/%.c=$(B)/cli/%.o)
PO_FILES   := $(sort $(wildcard module/po/*.po))
MO_FILES   := $(PO_FILES:module/po/%.po=$(B)/locale/%/LC_MESSAGES/atelier.mo)
BINDIR     ?= $(PREFIX)/bin
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
ASAN_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/unit-asan/%)
SANITIZE   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all lib cli locale sql check installcheck bench unit-tests asan pot demo install uninstall clean

all: lib $(if $(CLI_SRC),cli) locale sql

cli: $(B)/atelier

locale: $(MO_FILES)

lib: $(LIB_REAL) $(B)/$(LIB_SONAME) $(B)/libatelier.so $(B)/atelier.pc

sql:
	$(MAKE) -C sql

$(B)/lib/%.o: module/lib/%.c include/atelier.h module/lib/internal.h | $(B)/lib
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(LIB_REAL): $(LIB_OBJ) module/libatelier.map
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--version-script=module/libatelier.map \
		-Wl,--no-undefined -Wl,-z,relro -Wl,-z,now $(LDFLAGS) -o $@ $(LIB_OBJ) $(DEPS_LIBS)

$(B)/$(LIB_SONAME): $(LIB_REAL)
	ln -sf $(notdir $<) $@

$(B)/libatelier.so: $(B)/$(LIB_SONAME)
	ln -sf $(notdir $<) $@

$(B)/atelier.pc: module/atelier.pc.in Makefile | $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

# The command is thin over the shared library (run it from the build tree with
# LD_LIBRARY_PATH=build).
$(B)/cli/%.o: module/cli/%.c include/atelier.h $(wildcard module/cli/*.h) | $(B)/cli
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/atelier: $(CLI_OBJ) $(LIB_REAL) $(B)/libatelier.so
	$(CC) $(CFLAGS) -Wl,-z,relro -Wl,-z,now $(LDFLAGS) -o $@ $(CLI_OBJ) -L$(B) -latelier

# The same command with the library compiled in, under ASan and UBSan, for the
# integration tests.
$(B)/asan/atelier: $(CLI_SRC) $(LIB_SRC) include/atelier.h module/lib/internal.h $(wildcard module/cli/*.h) | $(B)/asan
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) $(SANITIZE) -o $@ $(CLI_SRC) $(LIB_SRC) $(DEPS_LIBS)

asan: $(B)/asan/atelier

$(B)/locale/%/LC_MESSAGES/atelier.mo: module/po/%.po
	mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Refresh the template and merge it into the catalogues after changing messages.
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
		--add-comments=TRANSLATORS --package-name=atelier --package-version=$(VERSION) \
		-o module/po/atelier.pot $(LIB_SRC) $(CLI_SRC)
	for po in $(PO_FILES); do msgmerge --quiet --update --backup=none $$po module/po/atelier.pot; done

# Unit tests link the library's sources directly, so internal functions are testable;
# each is built twice: as shipped, and with AddressSanitizer + UBSan.
$(B)/unit/%: tests/unit/%.c $(LIB_SRC) include/atelier.h | $(B)/unit
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) -o $@ $< $(LIB_SRC) $(CMOCKA_FLAGS) $(DEPS_LIBS)

$(B)/unit-asan/%: tests/unit/%.c $(LIB_SRC) include/atelier.h | $(B)/unit-asan
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) $(SANITIZE) -o $@ $< $(LIB_SRC) $(CMOCKA_FLAGS) $(DEPS_LIBS)

unit-tests: $(UNIT_BIN) $(ASAN_BIN)

$(B) $(B)/lib $(B)/cli $(B)/asan $(B)/unit $(B)/unit-asan:
	mkdir -p $@

# The one test command: dependencies, build, every suite, one summary.
check:
	tests/run-checks

installcheck:
	$(MAKE) -C sql installcheck

# Benchmarks print figures next to baselines measured in the same run; they
# never fail on a missed target.
bench: all
	tests/bench/run

demo:
	tests/demo

install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR)
	install -m 0755 $(B)/atelier $(DESTDIR)$(BINDIR)/atelier
	for mo in $(MO_FILES); do \
		lang=$${mo#$(B)/locale/}; lang=$${lang%%/*}; \
		install -D -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/atelier.mo; \
	done
	install -m 0644 $(LIB_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(LIB_REAL)) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libatelier.so
	install -m 0644 $(B)/atelier.pc $(DESTDIR)$(LIBDIR)/pkgconfig/atelier.pc
	install -m 0644 include/atelier.h $(DESTDIR)$(INCLUDEDIR)/atelier.h
	$(MAKE) -C sql install DESTDIR=$(DESTDIR)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/atelier $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/atelier.mo
	rm -f $(DESTDIR)$(LIBDIR)/$(notdir $(LIB_REAL)) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME) \
	      $(DESTDIR)$(LIBDIR)/libatelier.so $(DESTDIR)$(LIBDIR)/pkgconfig/atelier.pc \
	      $(DESTDIR)$(INCLUDEDIR)/atelier.h
	$(MAKE) -C sql uninstall DESTDIR=$(DESTDIR)

clean:
	rm -rf $(B) demo-out
	$(MAKE) -C sql clean
