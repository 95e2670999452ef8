#!/usr/bin/env bash
# Whole-process start-up benchmark of the one-shot programs (docs/benchmarks/startup.md).
# Usage: docs/benchmarks/startup.sh INSTALL_DIR SETTINGS_FILE [RUNS]
#   INSTALL_DIR   an unpacked dist/target/xcp-balancer-VERSION.tar.gz (bin/ and lib/)
#   SETTINGS_FILE settings of a running pool and database, e.g. the one `bin/xcp-demo --keep-running` prints
#   RUNS          timed runs per program after one untimed warm-up run (default 5); the median is reported
# Prints one line per program: median wall seconds, median CPU seconds (user+sys of the whole process), classes
# loaded (-Xlog:class+load, one more run) and the 1-minute load average before its runs.
set -euo pipefail
install=$(cd "$1" && pwd)
settings=$(readlink -f "$2")
runs=${3:-5}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {
    local name=$1
    shift
    local load walls=() cpus=() i real user sys
    load=$(cut -d' ' -f1 /proc/loadavg)
    "$@" >/dev/null 2>&1 || { echo "$name: the warm-up run failed: $*" >&2; return 1; }
    for ((i = 0; i < runs; i++)); do
        TIMEFORMAT='%R %U %S'
        read -r real user sys < <({ time "$@" >/dev/null 2>&1; } 2>&1)
        walls+=("$real")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    done
    local classes log
    log=$(mktemp)
    XCP_JAVA_OPTS="-Xlog:class+load=info:file=$log" "$@" >/dev/null 2>&1
    classes=$(grep -c 'class,load' "$log" || true)
    rm -f "$log"
    printf '%-30s wall %5.2f s  cpu %5.2f s  classes %5d  load %s\n' "$name" \
        "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" "$classes" "$load"
}

cd "$(dirname "$settings")"
measure 'xcp-collect' "$install/bin/xcp-collect" --settings "$settings"
measure 'xcp-manager -e "SHOW HOSTS"' "$install/bin/xcp-manager" --settings "$settings" -e "SHOW HOSTS"
measure 'xcp-control --dry-run' "$install/bin/xcp-control" --settings "$settings" --dry-run
