# Shared by the bin/xcp-* launchers: run MODULE's MAIN class from this checkout, building the jars first when
# they are missing or older than the sources. Sourced, not run.
set -euo pipefail
XCP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

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
    [[ $module == simulator ]] && xcp_stale "$XCP_ROOT/simulator/target/xcp-simulator.jar" "$XCP_ROOT/simulator/scenarios" && return 0
    return 1
}

xcp_launch() {
    local program=$1 module=$2 main=$3
    shift 3
    local jar="$XCP_ROOT/$module/target/xcp-$module.jar"
    local classpath="$XCP_ROOT/$module/target/classpath.txt"
    if xcp_build_needed "$module"; then
        command -v mvn >/dev/null || { echo "$program: Maven (mvn) is needed to build xcp-balancer; install it, then run: cd $XCP_ROOT && mvn -B -DskipTests package" >&2; exit 2; }
        command -v java >/dev/null || { echo "$program: Java 17 or newer is needed (java not found)" >&2; exit 2; }
        echo "$program: building xcp-balancer first (cd $XCP_ROOT && mvn -B -q -DskipTests package);" \
             "the first build downloads its dependencies from Maven Central and takes a few minutes" >&2
        if ! (cd "$XCP_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package >&2); then
            echo "$program: the build failed; run it by hand to see why: cd $XCP_ROOT && mvn -B -DskipTests package" >&2
            exit 1
        fi
    fi
    exec java ${XCP_JAVA_OPTS:-} -Dxcp.home="$XCP_ROOT" -cp "$jar:$(cat "$classpath")" "$main" "$@"
}
