# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the scripts that start a throwaway cluster: installs the extension
# where that cluster will find it and sets venv_opts for pg_virtualenv.
#   pgext_install TOP
# As root the extension goes to the system's directory, unless ATELIER_PGEXT=stage
# (several checkouts tested side by side on one machine must not overwrite each
# other's copy); otherwise to TOP/build/pgext, which Debian's extension_destdir
# setting points the cluster at.  -t: a private cluster directory even as root,
# so runs never collide or leave a cluster behind in /etc/postgresql.
pgext_install() {
	local top=$1
	venv_opts=(-t -v 15)
	if [ "$(id -u)" -eq 0 ] && [ "${ATELIER_PGEXT:-}" != stage ]; then
		make -s -C "$top/sql" install >/dev/null
		return
	fi
	rm -rf "$top/build/pgext"
	make -s -C "$top/sql" install DESTDIR="$top/build/pgext" >/dev/null || return
	venv_opts+=(-o "extension_destdir=$top/build/pgext")
}
