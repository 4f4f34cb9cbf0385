# SPDX-License-Identifier: GPL-3.0-or-later
# tests/xml/t_plugin.sh - sourced by tests/xml/run: a host that loads the
# library with dlopen() (tests/plugin/host.c) and goes through the plugin
# table only.

check "the library exports the plugin entry point" \
	bash -c "nm -D --defined-only '$LIB' | grep -q ' T atelier_plugin_v1@@ATELIER_1'"
check "the example host builds with the public header and -ldl only" \
	cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$TOP/include" -o "$T/host" "$TOP/tests/plugin/host.c" -ldl

cat >"$T/plugin-sync.xml" <<'XML'
<sync xmlns="urn:atelier:exchange:1" id="from-the-plugin">
  <sites><site code="PLUGIN-SITE" name="Annexe chargée par dlopen"/></sites>
  <workstations><workstation hostname="plugin-pc-1" site="PLUGIN-SITE"/></workstations>
  <staff><member login="p.host" name="Paul Host" role="librarian" sites="PLUGIN-SITE"/></staff>
  <people><person patron="PLUGIN-CARD-1" age-bracket="70_plus"/></people>
</sync>
XML
cat >"$T/plugin-request.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="p.host" id="plugin-request">
  <open-ticket id="t" site="PLUGIN-SITE" patron="PLUGIN-CARD-1" workstation="plugin-pc-1"><theme>navigation</theme></open-ticket>
</request>
XML
run_host() {
	env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" ATELIER_DATADIR="$TOP/module/xml" \
		"$T/host" "$LIB" -c "$CONN" -k "$T/secret" "$@" >"$OUT" 2>"$ERR"
	RC=$?
}
run_host "$T/plugin-sync.xml" "$T/plugin-request.xml"
check "the host syncs and runs a request through the plugin (exit 0)" test "$RC" -eq 0
check "... it found table version 1" grep -q 'plugin table version 1' "$ERR"
check "... both responses came back" \
	bash -c "grep -q 'id=\"from-the-plugin\"' '$OUT' && grep -q '<ticket number=' '$OUT'"
check "... the ticket is stored for the person of the sync" \
	test "$(su_sql "SELECT count(*) FROM atelier.ticket t JOIN atelier.person p ON p.id = t.person_id
	                 WHERE p.age_bracket = '70_plus'")" = 1
BEFORE=$(snapshot)
printf '<!DOCTYPE sync [<!ENTITY x SYSTEM "file:///etc/passwd">]><sync %s/>' "$NS" >"$T/plugin-xxe.xml"
run_host "$T/plugin-xxe.xml"
check "a hostile document through the plugin is refused, nothing stored" \
	bash -c "[ $RC -eq 1 ] && grep -q 'status=\"refused\"' '$OUT' && grep -q 'category=usage' '$ERR' && [ \"\$(cd '$TOP' && true)\" = '' ]"
check "... nothing stored" test "$(snapshot)" = "$BEFORE"
env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" "$T/host" "$LIB" -c "$CONN" -k /nonexistent/key "$T/plugin-sync.xml" >"$OUT" 2>"$ERR"
RC=$?
check "a key file that cannot be read stops the plugin at open (exit 2)" \
	bash -c "[ $RC -eq 2 ] && grep -q 'cannot open atelier' '$ERR'"
