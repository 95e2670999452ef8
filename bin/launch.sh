# Shared by the bin/xcp-* launchers. Sourced, not run. Two layouts:
# - an installed distribution (lib/ beside bin/, docs/operations.md "Installing"): run the jars in lib/; never
#   build, never call Maven, work from any directory as any user that can read the files;
# - a development checkout (pom.xml beside bin/): build the jars first when they are missing or older than the
#   sources, then run MODULE's MAIN class from target/.
set -euo pipefail
XCP_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

# JAVA_HOME's java when set (cron and systemd give a minimal PATH), else the one on PATH.
xcp_java() {
    local program=$1
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        XCP_JAVA=$JAVA_HOME/bin/java
    elif command -v java >/dev/null; then
        XCP_JAVA=java
    else
        echo "$program: Java 17 or newer is needed (no java on PATH and JAVA_HOME is not set)" >&2
        exit 2
    fi
}

# True when the jar is missing or one of the given files or folders changed after it was made.
xcp_stale() {
    local jar=$1
    shift
    [[ ! -f $jar ]] || [[ -n $(find "$@" -newer "$jar" -print -quit 2>/dev/null) ]]
}

# Each jar is compared with its own inputs only: Maven leaves a module's jar alone when nothing of that module
# changed, so comparing it with the whole checkout would rebuild forever.
xcp_build_needed() {
    local module=$1
    [[ -f $XCP_ROOT/$module/target/classpath.txt ]] || return 0
    xcp_stale "$XCP_ROOT/$module/target/xcp-$module.jar" "$XCP_ROOT/$module/src/main" && return 0
    xcp_stale "$XCP_ROOT/core/target/xcp-core.jar" "$XCP_ROOT/core/src/main" "$XCP_ROOT/db/migrations" && return 0
    [[ $module == collector || $module == control || $module == service || $module == guard ]] \
        && xcp_stale "$XCP_ROOT/xapi/target/xcp-xapi.jar" "$XCP_ROOT/xapi/src/main" && return 0
    [[ $module == simulator ]] && xcp_stale "$XCP_ROOT/simulator/target/xcp-simulator.jar" "$XCP_ROOT/simulator/scenarios" && return 0
    [[ $module == guard ]] && xcp_stale "$XCP_ROOT/control/target/xcp-control.jar" "$XCP_ROOT/control/src/main" && return 0
    [[ $module == demo ]] && xcp_stale "$XCP_ROOT/testkit/target/xcp-testkit.jar" "$XCP_ROOT/testkit/src/main" && return 0
    return 1
}

# A checkout's jars are stale: rebuild them, unless this user cannot (a service user on a read-only checkout).
xcp_build() {
    local program=$1
    if [[ ! -w $XCP_ROOT ]]; then
        echo "$program: the jars in $XCP_ROOT are missing or older than its sources, and user $(id -un) cannot rebuild" \
             "them there; rebuild as the checkout's owner (cd $XCP_ROOT && mvn -B -DskipTests package), or install" \
             "the distribution instead (docs/operations.md, Installing)" >&2
        exit 2
    fi
    command -v mvn >/dev/null || { echo "$program: Maven (mvn) is needed to build xcp-balancer; install it, then run: cd $XCP_ROOT && mvn -B -DskipTests package" >&2; exit 2; }
    echo "$program: building xcp-balancer first (cd $XCP_ROOT && mvn -B -q -DskipTests package);" \
         "the first build downloads its dependencies from Maven Central and takes a few minutes" >&2
    if ! (cd "$XCP_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package >&2); then
        echo "$program: the build failed; run it by hand to see why: cd $XCP_ROOT && mvn -B -DskipTests package" >&2
        exit 1
    fi
}

# The checkout's classpath names jars in the builder's Maven repository, often unreadable by other users.
xcp_check_readable() {
    local program=$1 classpath=$2 entry
    local IFS=:
    for entry in $classpath; do
        if [[ ! -r $entry ]]; then
            echo "$program: user $(id -un) cannot read $entry (a development build uses the builder's Maven" \
                 "repository); run the programs as that user, or install the distribution for other users" \
                 "(docs/operations.md, Installing)" >&2
            exit 2
        fi
    done
}

# ---- Fast start of the one-shot programs (docs/benchmarks/startup.md) ----
# A run of xcp-collect, xcp-manager or xcp-control without --interval is over in a second: it gains nothing from the
# optimising compiler (-XX:TieredStopAtLevel=1), and most of its time goes to loading classes, which a class-data
# sharing archive of that program's classes, made for this JDK and these jars, cuts by half. The archive is written
# by the first one-shot run (-XX:ArchiveClassesAtExit) and used by the next ones; a new JDK or new jars change its
# name, so it is made again. Where no folder is writable it is skipped, silently. XCP_CDS=off turns it off.
XCP_JVM_OPTS=()
XCP_CDS_TRAINING=

# Folders for the archives, in order: cds/ in the installation (target/cds in a checkout), then the user's cache.
# An archive is used from whichever holds it (e.g. one root made in the installation); a new one is written to the
# first that is writable (the service user's is ~/.cache, under /var/lib/xcp-balancer).
xcp_cds_dirs() {
    if [[ -d $XCP_ROOT/lib ]]; then echo "$XCP_ROOT/cds"; else echo "$XCP_ROOT/target/cds"; fi
    if [[ -n ${HOME:-} ]]; then echo "${XDG_CACHE_HOME:-$HOME/.cache}/xcp-balancer/cds"; fi
}

# Names what an archive was made from: the JDK (its binary and its modules image) and every jar on the class path.
xcp_cds_key() {
    local classpath=$1 java_bin entry files=()
    java_bin=$(readlink -f "$(command -v "$XCP_JAVA")") || return 1
    files+=("$java_bin" "${java_bin%/bin/java}/lib/modules")
    local IFS=:
    for entry in $classpath; do
        if [[ $entry == *'/*' ]]; then files+=("${entry%/\*}"/*.jar); else files+=("$entry"); fi
    done
    stat -L -c '%n %s %Y' "${files[@]}" 2>/dev/null | cksum | cut -d' ' -f1
}

# Fills XCP_JVM_OPTS for one run; sets XCP_CDS_TRAINING to the archive this run is to write, if any.
xcp_fast_start_options() {
    local program=$1 classpath=$2 arg one_shot=true worth_training=true
    shift 2
    for arg in "$@"; do
        case $arg in
            --interval|--interval=*) one_shot=false ;;
            -h|--help|-V|--version) worth_training=false ;;
        esac
    done
    $one_shot && XCP_JVM_OPTS+=(-XX:TieredStopAtLevel=1)
    [[ ${XCP_CDS:-on} == off ]] && return 0
    local key dir dirs
    key=$(xcp_cds_key "$classpath") || return 0
    mapfile -t dirs < <(xcp_cds_dirs)
    # Unified logging off for CDS only: an archive that does not fit is skipped without a word on stdout.
    for dir in "${dirs[@]}"; do
        if [[ -s $dir/$program-$key.jsa && -r $dir/$program-$key.jsa ]]; then
            XCP_JVM_OPTS+=(-XX:SharedArchiveFile="$dir/$program-$key.jsa" -Xshare:auto -Xlog:cds=off,cds+dynamic=off)
            return 0
        fi
    done
    $one_shot && $worth_training || return 0
    for dir in "${dirs[@]}"; do
        if { [[ -d $dir ]] || mkdir -p "$dir" 2>/dev/null; } && [[ -w $dir ]]; then
            XCP_CDS_TRAINING=$dir/$program-$key.jsa
            XCP_JVM_OPTS+=(-XX:ArchiveClassesAtExit="$XCP_CDS_TRAINING.$$.tmp" -Xlog:cds=off,cds+dynamic=off)
            return 0
        fi
    done
}

# Runs the JVM. A training run is not exec'd: its archive is renamed into place only after a successful run, so
# that no other run ever maps a half-written file, and archives of older jars or JDKs are removed.
xcp_run_java() {
    if [[ -z $XCP_CDS_TRAINING ]]; then
        exec "$XCP_JAVA" "$@"
    fi
    local status=0
    "$XCP_JAVA" "$@" || status=$?
    local written="$XCP_CDS_TRAINING.$$.tmp"
    if [[ $status == 0 && -s $written ]]; then
        local old
        for old in "${XCP_CDS_TRAINING%-*}"-*.jsa; do
            [[ -f $old ]] && rm -f "$old"
        done
        mv -f "$written" "$XCP_CDS_TRAINING" 2>/dev/null || rm -f "$written"
    else
        rm -f "$written"
    fi
    exit "$status"
}

# Fast start for the one-shot programs (collect, manager, control) only: the simulator, the service and the demo
# run long, and their steady state wants the optimising compiler.
xcp_launch() {
    local program=$1 module=$2 main=$3
    shift 3
    local fast_start=false
    [[ $module == collector || $module == manager || $module == control || $module == guard ]] && fast_start=true
    xcp_java "$program"
    local classpath
    if [[ -d $XCP_ROOT/lib ]]; then
        classpath="$XCP_ROOT/lib/*"
    else
        local jar="$XCP_ROOT/$module/target/xcp-$module.jar"
        if xcp_build_needed "$module"; then
            xcp_build "$program"
        fi
        classpath="$jar:$(cat "$XCP_ROOT/$module/target/classpath.txt")"
        xcp_check_readable "$program" "$classpath"
    fi
    $fast_start && xcp_fast_start_options "$program" "$classpath" "$@"
    # shellcheck disable=SC2086 # XCP_JAVA_OPTS is a list of options, last so that it can override ours
    xcp_run_java "${XCP_JVM_OPTS[@]}" ${XCP_JAVA_OPTS:-} -Dxcp.home="$XCP_ROOT" -cp "$classpath" "$main" "$@"
}
