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
    [[ $module == simulator ]] && xcp_stale "$XCP_ROOT/simulator/target/xcp-simulator.jar" "$XCP_ROOT/simulator/scenarios" && return 0
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

xcp_launch() {
    local program=$1 module=$2 main=$3
    shift 3
    xcp_java "$program"
    if [[ -d $XCP_ROOT/lib ]]; then
        exec "$XCP_JAVA" ${XCP_JAVA_OPTS:-} -Dxcp.home="$XCP_ROOT" -cp "$XCP_ROOT/lib/*" "$main" "$@"
    fi
    local jar="$XCP_ROOT/$module/target/xcp-$module.jar"
    local classpath="$XCP_ROOT/$module/target/classpath.txt"
    if xcp_build_needed "$module"; then
        xcp_build "$program"
    fi
    local dependencies
    dependencies=$(cat "$classpath")
    xcp_check_readable "$program" "$jar:$dependencies"
    exec "$XCP_JAVA" ${XCP_JAVA_OPTS:-} -Dxcp.home="$XCP_ROOT" -cp "$jar:$dependencies" "$main" "$@"
}
