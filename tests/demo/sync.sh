# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/sync.sh - the host system (its role, through the service
# atelier_admin) syncs the network with one XML document: 2 libraries, their
# rooms, 24 public PCs, 3 staff members and 150 people named by card number
# (atelier keeps only their pseudonym).

# The document's PCs: 16 at the first library (12 in its room), 8 at the second.
sync_workstations() {
	local n
	for n in $(seq 1 16); do
		printf '    <workstation hostname="centre-pc%02d" site="%s"%s label="Poste %d"/>\n' \
			"$n" "$DEMO_SITE1" "$([ "$n" -le 12 ] && echo ' room="ESPACE-NUM"')" "$n"
	done
	for n in $(seq 1 8); do
		printf '    <workstation hostname="nord-pc%02d" site="%s" room="SALLE-1" label="Poste %d"/>\n' \
			"$n" "$DEMO_SITE2" "$n"
	done
}

# The document's 150 people, by card number, with the attributes a host knows.
sync_people() {
	local n ages=(18_24 25_39 40_59 60_69 70_plus nc) status=(sans_emploi en_emploi retraite nc)
	for n in $(seq 1 150); do
		printf '    <person patron="%s" age-bracket="%s" social-status="%s" postcode="750%02d"/>\n' \
			"$(card "$n")" "${ages[n % 6]}" "${status[n % 4]}" $((n % 20))
	done
}

# The document, checked against the schema before it is sent.
sync_document() {
	cat <<-XML
	<?xml version="1.0" encoding="UTF-8"?>
	<sync xmlns="urn:atelier:exchange:1" mode="full" id="demo-network-$DEMO_MONTH">
	  <sites>
	    <site code="$DEMO_SITE1" name="Médiathèque du Centre" city="Villeneuve" time-zone="Europe/Paris"/>
	    <site code="$DEMO_SITE2" name="Bibliothèque Nord" city="Villeneuve" time-zone="Europe/Paris"/>
	  </sites>
	  <rooms>
	    <room site="$DEMO_SITE1" code="ESPACE-NUM" name="Espace numérique"/>
	    <room site="$DEMO_SITE2" code="SALLE-1" name="Salle d'animation"/>
	  </rooms>
	  <workstations>
	$(sync_workstations)
	  </workstations>
	  <staff>
	    <member login="cmartin" name="Claire Martin" role="librarian" sites="$DEMO_SITE1"/>
	    <member login="ybensaid" name="Yacine Bensaïd" role="facilitator" sites="$DEMO_SITE1 $DEMO_SITE2"/>
	    <member login="slefevre" name="Sophie Lefèvre" role="coordinator"/>
	  </staff>
	  <people>
	$(sync_people)
	  </people>
	</sync>
	XML
}

say "the host system syncs the network (2 libraries, 24 PCs, 3 staff, 150 people) in XML"
sync_document >"$D/sync.xml"
xmllint --noout --schema "$TOP/module/xml/atelier-exchange-1.xsd" "$D/sync.xml" 2>"$D/err" ||
	die "the sync document is not valid against the schema" "$D/err"
LD_LIBRARY_PATH=$TOP/build "$ATELIER" --db service=atelier_admin xml "$D/sync.xml" \
	>"$D/sync-response.xml" 2>"$D/err" || die "atelier xml (the sync)" "$D/err"
