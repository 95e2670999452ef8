# Shared by the bin/xcp-* launchers: run MODULE's MAIN class from this checkout, building the jars first when
# they are missing or older than the sources. Sourced, not run.
set -euo pipefail
XCP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

xcp_build_needed() {
    local jar=$1 classpath=$2
    [[ -f $jar && -f $classpath ]] || return 0
    # Rebuild when a source, resource, migration or pom changed since the jar was made.
    [[ -n $(find "$XCP_ROOT" -path "$XCP_ROOT/*/target" -prune -o \
        \( -name '*.java' -o -name '*.sql' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
        -newer "$jar" -print -quit 2>/dev/null) ]]
}

xcp_launch() {
    local program=$1 module=$2 main=$3
    shift 3
    local jar="$XCP_ROOT/$module/target/xcp-$module.jar"
    local classpath="$XCP_ROOT/$module/target/classpath.txt"
    if xcp_build_needed "$jar" "$classpath"; then
        command -v mvn >/dev/null || { echo "$program: Maven (mvn) is needed to build xcp-balancer; install it, then run: cd $XCP_ROOT && mvn -B -DskipTests package" >&2; exit 2; }
        command -v java >/dev/null || { echo "$program: Java 17 or newer is needed (java not found)" >&2; exit 2; }
        echo "$program: building xcp-balancer first (cd $XCP_ROOT && mvn -B -q -DskipTests package);" \
             "the first build downloads its dependencies from Maven Central and takes a few minutes" >&2
        if ! (cd "$XCP_ROOT" && mvn -B -q -DskipTests package >&2); then
            echo "$program: the build failed; run it by hand to see why: cd $XCP_ROOT && mvn -B -DskipTests package" >&2
            exit 1
        fi
    fi
    exec java ${XCP_JAVA_OPTS:-} -cp "$jar:$(cat "$classpath")" "$main" "$@"
}
