# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the demo and the integration tests: the environment of a desk whose
# files (service file, password file, secret, runtime and home directories) are in
# one directory.
#   desk_env DIR
desk_env() {
	export PGSERVICEFILE=$1/pg_service.conf
	export PGPASSFILE=$1/pgpass
	export ATELIER_DB="service=atelier"
	export ATELIER_SECRET=$1/secret
	export XDG_RUNTIME_DIR=$1/run
	export HOME=$1/home
	export LANG=C.UTF-8
	export TZ=Europe/Paris
}
