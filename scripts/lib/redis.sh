# Redis half of scripts/services: one daemonised redis-server on a remembered free loopback port.
# Sourced by scripts/services after it has set the redis_* variables.
# shellcheck shell=bash
# shellcheck disable=SC2154  # the redis_* variables are set by scripts/services

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Below Linux's ephemeral range (32768+), so an outgoing connection cannot take it later.
pick_free_port() {
  local port i
  for i in $(seq 1 100); do
    port=$((20000 + (RANDOM + i) % 12000))
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  ugoki_die "no free loopback port found for Redis"
}

redis_port() {
  mkdir -p "$redis_dir"
  if [[ ! -s "$redis_port_file" ]]; then
    pick_free_port >"$redis_port_file"
  fi
  cat "$redis_port_file"
}

redis_cli() {
  redis-cli -h 127.0.0.1 -p "$(redis_port)" "$@"
}

redis_pid() {
  local pid
  pid="$(cat "$redis_pid_file" 2>/dev/null || true)"
  # The pid must still be a redis-server: pids are reused after a reboot or a crash.
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server* ]]; then
    echo "$pid"
  fi
}

redis_wait_ready() {
  local deadline=$((SECONDS + wait_seconds))
  until [[ "$(redis_cli ping 2>/dev/null)" == PONG ]]; do
    ((SECONDS < deadline)) \
      || ugoki_die "Redis not answering after ${wait_seconds}s (log: $redis_dir/redis.log)"
    sleep 0.1
  done
}

redis_write_conf() {
  local port="$1" persistence
  if [[ "$ugoki_env" == test ]]; then
    persistence=$'save ""\nappendonly no'
  else
    persistence=$'save 3600 1 300 100 60 10000\nappendonly no\ndbfilename dump.rdb'
  fi
  mkdir -p "$redis_dir/data"
  cat >"$redis_dir/redis.conf" <<EOF
# Written by scripts/services on every start (UGOKI_ENV=$ugoki_env); edit the script.
bind 127.0.0.1
port $port
protected-mode yes
daemonize yes
pidfile $redis_pid_file
logfile $redis_dir/redis.log
dir $redis_dir/data
$persistence
EOF
}

redis_start() {
  command -v redis-server >/dev/null 2>&1 \
    || ugoki_die "redis-server not found: run scripts/bootstrap"
  local port
  port="$(redis_port)"
  if [[ -n "$(redis_pid)" ]]; then
    redis_wait_ready
    return 0
  fi
  if port_in_use "$port"; then
    ugoki_log "port $port is taken by another program; picking a new Redis port"
    pick_free_port >"$redis_port_file"
    port="$(redis_port)"
  fi
  redis_write_conf "$port"
  rm -f "$redis_pid_file"
  redis-server "$redis_dir/redis.conf" </dev/null >/dev/null 2>&1 9>&- \
    || { tail -n 20 "$redis_dir/redis.log" >&2 2>/dev/null; ugoki_die "Redis did not start"; }
  redis_wait_ready
}

redis_stop() {
  local pid
  pid="$(redis_pid)"
  [[ -n "$pid" ]] || { rm -f "$redis_pid_file"; return 0; }
  local how=()
  [[ "$ugoki_env" != test ]] || how=(nosave)
  redis_cli shutdown "${how[@]}" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + wait_seconds))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || ugoki_die "Redis (pid $pid) did not stop"
    sleep 0.1
  done
  rm -f "$redis_pid_file"
}

redis_restart() {
  redis_stop
  redis_start
}

redis_purge() {
  redis_stop
  rm -rf "$redis_dir"
}

redis_status() {
  local pid
  pid="$(redis_pid)"
  if [[ -n "$pid" ]]; then
    echo "redis: running (pid $pid, 127.0.0.1:$(redis_port))"
  else
    echo "redis: stopped"
    return 3
  fi
}
