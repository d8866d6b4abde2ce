# PostgreSQL half of scripts/services: a private cluster on a unix socket, as the `postgres` user
# when we are root. Sourced by scripts/services after it has set the pg_* and var_dir variables.
# shellcheck shell=bash
# shellcheck disable=SC2154  # the pg_* variables are set by scripts/services

# Runs a PostgreSQL server-side command as the user that owns the cluster. The lock fd is closed
# so a daemonised postmaster never keeps our lock; cd / because postgres cannot enter /root.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@" 9>&-)
  else
    "$@" 9>&-
  fi
}

psql_admin() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_sock" -p "$pg_port" -U postgres -d postgres "$@"
}

pg_running() {
  [[ -f "$pg_data/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" status -D "$pg_data" >/dev/null 2>&1
}

pg_ready() {
  "$PG_BIN/pg_isready" -q -h "$pg_sock" -p "$pg_port" -U postgres -d postgres
}

pg_wait_ready() {
  local deadline=$((SECONDS + wait_seconds))
  until pg_ready; do
    ((SECONDS < deadline)) \
      || ugoki_die "PostgreSQL not accepting connections after ${wait_seconds}s (log: $pg_log)"
    sleep 0.2
  done
}

pg_prepare_dirs() {
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || ugoki_die "no 'postgres' user: run scripts/bootstrap"
    if [[ -L "$pg_base" ]]; then
      ugoki_die "$pg_base is a symlink; refusing to use it"
    elif [[ -e "$pg_base" ]]; then
      [[ "$(stat -c %U "$pg_base")" == postgres ]] || ugoki_die "$pg_base is not owned by postgres"
    else
      mkdir -m 700 "$pg_base"
      chown postgres:postgres "$pg_base"
    fi
    chmod 700 "$pg_base"
    # Make the out-of-tree cluster easy to find from the state directory.
    [[ -e "$var_dir/pg" || -L "$var_dir/pg" ]] || ln -s "$pg_base" "$var_dir/pg"
  else
    mkdir -p "$pg_base" "$pg_sock"
    chmod 700 "$pg_base" "$pg_sock"
  fi
}

# Writes a file inside the cluster as its owner would.
pg_write_file() {
  local path="$1" content="$2"
  printf '%s' "$content" >"$path"
  [[ $EUID -ne 0 ]] || chown postgres:postgres "$path"
}

pg_initdb() {
  [[ -f "$pg_data/PG_VERSION" ]] && return 0
  [[ -x "$PG_BIN/initdb" ]] || ugoki_die "$PG_BIN/initdb not found: run scripts/bootstrap"
  ugoki_log "creating PostgreSQL cluster in $pg_data"
  ugoki_quiet as_pg "$PG_BIN/initdb" -D "$pg_data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=reject || ugoki_die "initdb failed"
  # Trust on the unix socket only; the socket directory (mode 700) is the access control.
  pg_write_file "$pg_data/pg_hba.conf" \
    $'# scripts/services: unix socket only, no TCP.\nlocal all all trust\n'
  printf "\ninclude 'ugoki.conf'\n" >>"$pg_data/postgresql.conf"
}

# Rewritten on every start so that UGOKI_ENV decides durability each time.
pg_write_conf() {
  local conf
  conf="# Written by scripts/services on every start (UGOKI_ENV=$ugoki_env); edit the script.
listen_addresses = ''
port = $pg_port
unix_socket_directories = '$pg_sock'
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
huge_pages = off
"
  if [[ "$ugoki_env" == test ]]; then
    conf+="shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
"
  else
    conf+="shared_buffers = 256MB
"
  fi
  pg_write_file "$pg_data/ugoki.conf" "$conf"
}

pg_ensure_db() {
  if [[ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$pg_role'")" != 1 ]]; then
    psql_admin -c "CREATE ROLE $pg_role LOGIN CREATEDB"
    # Lets tests terminate their own backends to simulate a dropped connection.
    psql_admin -c "GRANT pg_signal_backend TO $pg_role"
  fi
  local db
  for db in "$pg_db" "$pg_test_db"; do
    if [[ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
      psql_admin -c "CREATE DATABASE $db OWNER $pg_role"
    fi
  done
}

pg_start() {
  pg_prepare_dirs
  pg_initdb
  if ! pg_running; then
    pg_write_conf
    as_pg "$PG_BIN/pg_ctl" start -D "$pg_data" -l "$pg_log" -w -t "$wait_seconds" -s \
      </dev/null >/dev/null 2>&1 \
      || { tail -n 20 "$pg_log" >&2; ugoki_die "PostgreSQL did not start"; }
  fi
  pg_wait_ready
  pg_ensure_db
}

pg_stop() {
  pg_running || return 0
  as_pg "$PG_BIN/pg_ctl" stop -D "$pg_data" -m fast -w -t "$wait_seconds" -s \
    || ugoki_die "PostgreSQL did not stop (log: $pg_log)"
}

# -m fast disconnects clients (they see a dropped connection, as after a failover) instead of
# waiting for them, so it works while the app under test holds its pool open.
pg_restart() {
  if ! pg_running; then
    pg_start
    return
  fi
  pg_write_conf
  as_pg "$PG_BIN/pg_ctl" restart -D "$pg_data" -l "$pg_log" -m fast -w -t "$wait_seconds" -s \
    </dev/null >/dev/null 2>&1 \
    || { tail -n 20 "$pg_log" >&2; ugoki_die "PostgreSQL did not restart"; }
  pg_wait_ready
}

pg_purge() {
  pg_stop
  rm -rf "$pg_data" "$pg_log"
  if [[ $EUID -eq 0 ]]; then
    rm -rf "$pg_base"
    [[ ! -L "$var_dir/pg" ]] || rm -f "$var_dir/pg"
  fi
}

pg_status() {
  if pg_running; then
    echo "postgres: running (pid $(head -n1 "$pg_data/postmaster.pid"), socket $pg_sock, db $pg_db)"
  else
    echo "postgres: stopped (data $pg_data)"
    return 3
  fi
}
