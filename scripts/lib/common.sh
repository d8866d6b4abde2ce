# Shared helpers for scripts/*: repo root, state directory, logging, privilege dropping.
# shellcheck shell=bash
# Sourced, never executed; callers have already done `set -euo pipefail`.

# The checkout this script belongs to, whatever the caller's working directory.
UGOKI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export UGOKI_ROOT

# Messages go to stderr so that `scripts/services env` output stays eval-able.
ugoki_log() {
  printf '%s: %s\n' "${UGOKI_SCRIPT:-ugoki}" "$*" >&2
}

ugoki_die() {
  printf '%s: error: %s\n' "${UGOKI_SCRIPT:-ugoki}" "$*" >&2
  exit 1
}

# Absolute state directory ($UGOKI_VAR_DIR, default <checkout>/var), created if missing.
ugoki_var_dir() {
  local dir="${UGOKI_VAR_DIR:-$UGOKI_ROOT/var}"
  mkdir -p "$dir"
  (cd "$dir" && pwd -P)
}

# Short, stable tag for a path: keeps two checkouts' /tmp directories apart.
ugoki_path_hash() {
  printf '%s' "$1" | sha256sum | cut -c1-10
}

# Runs a command with root privileges: directly when root, through sudo otherwise.
ugoki_as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    ugoki_die "need root for '$1' and sudo is not installed"
  fi
}

# Runs a command after the caller's own output has been captured in a log; on failure prints
# the log tail so that a quiet script is still clear about what went wrong.
ugoki_quiet() {
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/ugoki-quiet.XXXXXX")"
  local rc=0
  "$@" >"$log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    rm -f "$log"
    return 0
  fi
  ugoki_log "command failed (exit $rc): $*"
  tail -n 40 "$log" >&2
  rm -f "$log"
  return "$rc"
}
