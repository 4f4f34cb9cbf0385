# SPDX-License-Identifier: GPL-3.0-or-later
# atelier: plain make, no autotools.
#   make            build the library and the extension script
#   make check      install missing build dependencies, then run every test suite
#   make format-check / format   check the C sources against .clang-format / rewrite them
#   make installcheck   the SQL suites against the cluster the PG* variables name
#   make demo       the main job on sample data
#   make deb        the five Debian packages, into build/deb/
#   make bench      every benchmark, next to its baseline, in one table (build/bench/)
#   make install / uninstall   PREFIX, DESTDIR, LIBDIR, INCLUDEDIR, MANDIR, PAMCONFDIR honoured

# The version is written once, in include/atelier.h (ATELIER_VERSION_MAJOR, ...).
version_part = $(shell awk '$$2 == "ATELIER_VERSION_$(1)" { print $$3 }' include/atelier.h)
VERSION    := $(call version_part,MAJOR).$(call version_part,MINOR).$(call version_part,PATCH)
SOVERSION  := 1
PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
LOCALEDIR  ?= $(DATADIR)/locale
MANDIR     ?= $(DATADIR)/man
# PAM reads only /etc/pam.d (and /usr/lib/pam.d), whatever PREFIX is.
PAMCONFDIR ?= /etc/pam.d
# Where PAM modules live (Debian: /lib/<multiarch>/security).
PAMDIR     ?= /lib/$(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/security
DESTDIR    ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
CFLAGS     += -Wall -Wextra -Werror -std=c11
CPPFLAGS   += -D_GNU_SOURCE -Iinclude -DATELIER_LOCALEDIR='"$(LOCALEDIR)"'
# Where the exchange schema is installed (module/xml/atelier-exchange-1.xsd).
CPPFLAGS   += -DATELIER_DATADIR='"$(DATADIR)/atelier"'

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
PAM_SRC    := $(sort $(wildcard module/pam/*.c))
PAM_OBJ    := $(PAM_SRC:module/pam/%.c=$(B)/pam/%.o)
PO_FILES   := $(sort $(wildcard module/po/*.po))
MO_FILES   := $(PO_FILES:module/po/%.po=$(B)/locale/%/LC_MESSAGES/atelier.mo)
BINDIR     ?= $(PREFIX)/bin
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
ASAN_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/unit-asan/%)
SANITIZE   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all lib cli pam locale man sql format format-check check installcheck bench fuzz unit-tests asan pot demo deb install uninstall clean

all: lib $(if $(CLI_SRC),cli) pam locale man sql

cli: $(B)/atelier $(B)/inst/atelier

locale: $(MO_FILES)

lib: $(LIB_REAL) $(B)/$(LIB_SONAME) $(B)/libatelier.so $(B)/atelier.pc

sql:
	$(MAKE) -C sql

# Every object is compiled once per flavour, as shipped or under ASan + UBSan,
# and records the headers it read (-MMD -MP, the .d files included at the
# end), so a changed internal header rebuilds exactly what includes it.
DEPFLAGS   := -MMD -MP

$(B)/lib/%.o: module/lib/%.c | $(B)/lib
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(LIB_REAL): $(LIB_OBJ) module/libatelier.map
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--version-script=module/libatelier.map \
		-Wl,--no-undefined -Wl,-z,relro -Wl,-z,now $(LDFLAGS) -o $@ $(LIB_OBJ) $(DEPS_LIBS)

$(B)/$(LIB_SONAME): $(LIB_REAL)
	ln -sf $(notdir $<) $@

$(B)/libatelier.so: $(B)/$(LIB_SONAME)
	ln -sf $(notdir $<) $@

$(B)/atelier.pc: module/atelier.pc.in include/atelier.h Makefile | $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

# The command is thin over the shared library, and linked twice from the same
# objects: build/atelier, to run from the build tree as it is (its RUNPATH
# $ORIGIN finds build/libatelier.so.1 next to it), and build/inst/atelier,
# the one "make install" installs, without any RUNPATH (an installed binary
# must find the library where the system keeps it; lintian flags a RUNPATH).
$(B)/cli/%.o: module/cli/%.c | $(B)/cli
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/atelier: $(CLI_OBJ) $(LIB_REAL) $(B)/libatelier.so
	$(CC) $(CFLAGS) -Wl,-z,relro -Wl,-z,now $(LDFLAGS) -Wl,-rpath,'$$ORIGIN' -o $@ $(CLI_OBJ) -L$(B) -latelier

$(B)/inst/atelier: $(CLI_OBJ) $(LIB_REAL) $(B)/libatelier.so | $(B)/inst
	$(CC) $(CFLAGS) -Wl,-z,relro -Wl,-z,now $(LDFLAGS) -o $@ $(CLI_OBJ) -L$(B) -latelier

# The same command with the library linked in, under ASan and UBSan, for the
# integration tests: the command's ASan objects and the library's ASan archive.
ASAN_LIB_OBJ := $(LIB_SRC:module/lib/%.c=$(B)/lib-asan/%.o)
ASAN_CLI_OBJ := $(CLI_SRC:module/cli/%.c=$(B)/asan/cli/%.o)

$(B)/lib-asan/%.o: module/lib/%.c | $(B)/lib-asan
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) $(SANITIZE) $(DEPFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(B)/libatelier-asan.a: $(ASAN_LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/asan/cli/%.o: module/cli/%.c | $(B)/asan/cli
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANITIZE) $(DEPFLAGS) -c $< -o $@

$(B)/asan/atelier: $(ASAN_CLI_OBJ) $(B)/libatelier-asan.a | $(B)/asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(ASAN_CLI_OBJ) $(B)/libatelier-asan.a $(DEPS_LIBS)

asan: $(B)/asan/atelier

# The man pages, with the version filled in (module/man says @VERSION@).
MAN_PAGES  := $(patsubst module/man/%,$(B)/man/%,$(wildcard module/man/*.[1-8]))
man: $(MAN_PAGES)

$(B)/man/%: module/man/% include/atelier.h | $(B)/man
	sed -e 's|@VERSION@|$(VERSION)|g' $< > $@

$(B)/locale/%/LC_MESSAGES/atelier.mo: module/po/%.po
	mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Refresh the template and merge it into the catalogues after changing messages.
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
		--add-comments=TRANSLATORS --package-name=atelier --package-version=$(VERSION) \
		-o module/po/atelier.pot $(LIB_SRC) $(CLI_SRC)
	for po in $(PO_FILES); do msgmerge --quiet --update --backup=none $$po module/po/atelier.pot; done

# Unit tests link the library's archive of their flavour: a static archive of
# -fvisibility=hidden objects, so the internal functions stay callable from the
# test; each test is built twice, as shipped and with AddressSanitizer + UBSan.
# UNIT_EXTRA (a target-specific variable) names more sources (module/DIR/X.c)
# a test links, as objects of the same flavour (build/DIR/X.o,
# build/asan/DIR/X.o), which secondary expansion makes its prerequisites.
unit_objs = $(patsubst module/%.c,$(B)/$(1)%.o,$(UNIT_EXTRA))
.SECONDEXPANSION:
.PRECIOUS: $(B)/%.o

$(B)/unit/%: tests/unit/%.c $(B)/libatelier-pic.a $$(call unit_objs,) | $(B)/unit
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) -MMD -MP -MF $@.d -o $@ $< \
		$(call unit_objs,) $(B)/libatelier-pic.a $(CMOCKA_FLAGS) $(DEPS_LIBS)

$(B)/unit-asan/%: tests/unit/%.c $(B)/libatelier-asan.a $$(call unit_objs,asan/) | $(B)/unit-asan
	$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) $(SANITIZE) -MMD -MP -MF $@.d -o $@ $< \
		$(call unit_objs,asan/) $(B)/libatelier-asan.a $(CMOCKA_FLAGS) $(DEPS_LIBS)

# The command's pure parts (options, output) are unit-tested too: the
# test_cli_* suites also link them (never main.c).
CLI_PURE := module/cli/args.c module/cli/output.c
$(B)/unit/test_cli_% $(B)/unit-asan/test_cli_%: UNIT_EXTRA = $(CLI_PURE)

unit-tests: $(UNIT_BIN) $(ASAN_BIN)

$(B) $(B)/lib $(B)/lib-asan $(B)/man $(B)/cli $(B)/inst $(B)/asan $(B)/asan/cli $(B)/unit $(B)/unit-asan:
	mkdir -p $@

# The workstation PAM module: only pam_sm_* leave it; no soname version (PAM
# loads it by file name).  It runs in the display manager at every login, so
# it takes from the library only the objects it calls (connection, access
# check, usage events, spool, pseudonym), from an archive of the library's
# own -fPIC objects that is never installed: it needs neither libatelier.so.1
# nor libxml2 (with its ICU and libstdc++), only libpq, libcrypto (which
# libpq loads anyway) and libpam.  Linked with --no-undefined and without
# libxml2, it fails to build if the login path ever calls the XML exchange.
PAM_DEPS     = libpq libcrypto pam
PAM_LIBS     = $(shell $(PKG_CONFIG) --libs $(PAM_DEPS))
pam: $(B)/pam_atelier.so

$(B)/libatelier-pic.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/pam/%.o: module/pam/%.c | $(B)/pam
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(B)/pam_atelier.so: $(PAM_OBJ) module/pam/pam_atelier.map $(B)/libatelier-pic.a
	$(CC) $(CFLAGS) -shared -fvisibility=hidden -Wl,--version-script=module/pam/pam_atelier.map \
		-Wl,--no-undefined -Wl,-z,relro -Wl,-z,now $(LDFLAGS) -o $@ $(PAM_OBJ) \
		$(B)/libatelier-pic.a $(PAM_LIBS)

# The same under ASan and UBSan, for the PAM tests, linked the same way (the
# library's ASan archive, no libxml2).
ASAN_PAM_OBJ := $(PAM_SRC:module/pam/%.c=$(B)/asan/pam/%.o)

$(B)/asan/pam/%.o: module/pam/%.c | $(B)/asan/pam
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANITIZE) $(DEPFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(B)/asan/pam_atelier.so: $(ASAN_PAM_OBJ) module/pam/pam_atelier.map $(B)/libatelier-asan.a
	$(CC) $(CFLAGS) $(SANITIZE) -fPIC -shared -fvisibility=hidden \
		-Wl,--version-script=module/pam/pam_atelier.map -o $@ $(ASAN_PAM_OBJ) \
		$(B)/libatelier-asan.a $(PAM_LIBS)

$(B)/pam $(B)/asan/pam:
	mkdir -p $@

# libFuzzer targets of the XML parsing (tests/fuzz/), built with clang and run one after
# the other for FUZZ_SECONDS each; not part of make check.
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS := $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(B)/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(LIB_SRC) include/atelier.h $(wildcard module/lib/*.h) | $(B)/fuzz
	$(FUZZ_CC) $(CPPFLAGS) $(DEPS_CFLAGS) -Wall -Wextra -Werror -std=c11 $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(DEPS_LIBS)

fuzz: $(FUZZ_TARGETS:%=$(B)/fuzz/%)
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(B)/fuzz:
	mkdir -p $@

# The C sources follow .clang-format: make format-check (part of make check)
# says where they do not, make format rewrites them.
FORMAT_SRC := $(sort $(wildcard include/*.h module/*/*.c module/*/*.h tests/*/*.c tests/*/*.h))
format-check:
	clang-format --dry-run --Werror $(FORMAT_SRC)

format:
	clang-format -i $(FORMAT_SRC)

# The one test command: dependencies, build, every suite, one summary.
check:
	tests/run-checks

installcheck:
	$(MAKE) -C sql installcheck

# Benchmarks print figures next to baselines measured in the same run; they
# never fail on a missed target.  Like check, they first install what the
# build and the runs need (pgbench and auto_explain come with postgresql-15;
# PgBouncer, for one run of the PAM benchmark, with the build profile
# pkg.atelier.bench of debian/control).
bench:
	tests/ensure-deps --profile pkg.atelier.bench
	$(MAKE) all
	tests/bench/run

demo:
	tests/demo/run

# The Debian packages (debian/): dpkg-buildpackage -us -uc -b on a copy of the
# tree in build/deb/atelier, since the package's clean would empty this tree's
# build/; the .deb files land in build/deb/.
deb:
	rm -rf $(B)/deb
	mkdir -p $(B)/deb/atelier
	tar -cf - --exclude=./build --exclude=./demo-out --exclude=./.git . | tar -xf - -C $(B)/deb/atelier
	cd $(B)/deb/atelier && dpkg-buildpackage -us -uc -b

install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR)
	install -m 0755 $(B)/inst/atelier $(DESTDIR)$(BINDIR)/atelier
	for mo in $(MO_FILES); do \
		lang=$${mo#$(B)/locale/}; lang=$${lang%%/*}; \
		install -D -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/atelier.mo; \
	done
	install -m 0644 $(LIB_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(LIB_REAL)) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libatelier.so
	install -m 0644 $(B)/atelier.pc $(DESTDIR)$(LIBDIR)/pkgconfig/atelier.pc
	install -m 0644 include/atelier.h $(DESTDIR)$(INCLUDEDIR)/atelier.h
	install -D -m 0644 module/xml/atelier-exchange-1.xsd $(DESTDIR)$(DATADIR)/atelier/atelier-exchange-1.xsd
	install -d $(DESTDIR)$(DATADIR)/atelier/examples
	install -m 0644 module/xml/examples/*.xml $(DESTDIR)$(DATADIR)/atelier/examples/
	install -D -m 0644 $(B)/man/atelier.1 $(DESTDIR)$(MANDIR)/man1/atelier.1
	@# The PAM module; its pam-auth-update profile and LightDM example go to
	@# DATADIR/atelier (a Debian package puts the profile in /usr/share/pam-configs).
	install -D -m 0644 $(B)/pam_atelier.so $(DESTDIR)$(PAMDIR)/pam_atelier.so
	install -D -m 0644 $(B)/man/pam_atelier.8 $(DESTDIR)$(MANDIR)/man8/pam_atelier.8
	install -D -m 0644 module/pam/pam-configs/atelier $(DESTDIR)$(DATADIR)/atelier/pam-configs/atelier
	install -D -m 0644 module/pam/lightdm-snippet $(DESTDIR)$(DATADIR)/atelier/lightdm-snippet
	@# An administrator may have restricted the PAM service: never overwrite it.
	if [ -e $(DESTDIR)$(PAMCONFDIR)/atelier ]; then \
		echo "keeping the existing $(DESTDIR)$(PAMCONFDIR)/atelier"; \
	else \
		install -D -m 0644 module/pam.d/atelier $(DESTDIR)$(PAMCONFDIR)/atelier; \
	fi
	$(MAKE) -C sql install DESTDIR=$(DESTDIR)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/atelier $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/atelier.mo
	rm -f $(DESTDIR)$(LIBDIR)/$(notdir $(LIB_REAL)) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME) \
	      $(DESTDIR)$(LIBDIR)/libatelier.so $(DESTDIR)$(LIBDIR)/pkgconfig/atelier.pc \
	      $(DESTDIR)$(INCLUDEDIR)/atelier.h $(DESTDIR)$(MANDIR)/man1/atelier.1
	rm -f $(DESTDIR)$(DATADIR)/atelier/atelier-exchange-1.xsd
	rm -rf $(DESTDIR)$(DATADIR)/atelier/examples
	rm -f $(DESTDIR)$(PAMDIR)/pam_atelier.so $(DESTDIR)$(MANDIR)/man8/pam_atelier.8 \
	      $(DESTDIR)$(DATADIR)/atelier/pam-configs/atelier $(DESTDIR)$(DATADIR)/atelier/lightdm-snippet
	@# The PAM service goes only if nobody changed it.
	if cmp -s module/pam.d/atelier $(DESTDIR)$(PAMCONFDIR)/atelier; then \
		rm -f $(DESTDIR)$(PAMCONFDIR)/atelier; \
	elif [ -e $(DESTDIR)$(PAMCONFDIR)/atelier ]; then \
		echo "keeping $(DESTDIR)$(PAMCONFDIR)/atelier: it was changed"; \
	fi
	$(MAKE) -C sql uninstall DESTDIR=$(DESTDIR)

clean:
	rm -rf $(B) demo-out
	$(MAKE) -C sql clean

# What each object and test read, as -MMD wrote it (absent before the first build).
-include $(wildcard $(B)/lib/*.d $(B)/lib-asan/*.d $(B)/cli/*.d $(B)/asan/cli/*.d \
	$(B)/pam/*.d $(B)/asan/pam/*.d $(B)/unit/*.d $(B)/unit-asan/*.d)
