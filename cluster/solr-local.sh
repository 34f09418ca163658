#!/usr/bin/env bash
# A local SolrCloud for trying Histoseek's Solr archive and for its tests: ZooKeeper and N Solr
# 9.10.1 nodes, each its own JVM, run from the built cluster/solr-node module (no Solr download).
#
#   solr-local.sh start N DIR        ZooKeeper + N nodes, data and logs under DIR; prints the archive address
#   solr-local.sh stop DIR           stops every node, then ZooKeeper
#   solr-local.sh kill-node DIR I    kills node I with SIGKILL (a crash)
#   solr-local.sh start-node DIR I   starts node I again on its old port, with its old cores
#   solr-local.sh status DIR         which processes run
#
# Environment: JAVA_HOME (Java 21+; 25 tested), HISTOSEEK_SOLR_HEAP (per node, default 512m),
# HISTOSEEK_SOLR_TIMEOUT (seconds to wait for readiness, default 180).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE_BUILD=$ROOT/cluster/solr-node/target
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
HEAP=${HISTOSEEK_SOLR_HEAP:-512m}
TIMEOUT=${HISTOSEEK_SOLR_TIMEOUT:-180}
COLLECTION=histoseek
MAIN_PACKAGE=io.histoseek.cluster.node
# Lucene 9.12 knows Java up to 23: without the property it falls back to scalar vector code on 25.
COMMON_FLAGS=(--add-modules jdk.incubator.vector -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25
  --enable-native-access=ALL-UNNAMED -XX:+ExitOnOutOfMemoryError
  -Dlog4j2.configurationFile=io/histoseek/cluster/node/log4j2.xml)
# Histoseek speaks Solr's v1 APIs only; without v2 a node skips building Jersey apps at start and
# per core (seconds each on a busy machine).
NODE_FLAGS=(-Ddisable.v2.api=true)

die() { echo "solr-local: $*" >&2; exit 1; }
usage() { sed -n '5,9s/^# \{0,1\}//p' "$0" >&2; exit 2; }

check_build() {
  [[ -d $NODE_BUILD/lib && -f $NODE_BUILD/classes/io/histoseek/cluster/node/SolrNodeMain.class ]] ||
    die "the Solr node is not built; run in $ROOT: mvn -B -q package -DskipTests -pl cluster/solr-node -am"
  local version
  version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [[ ${version%%.*} =~ ^[0-9]+$ ]] && ((${version%%.*} >= 25)) ||
    die "the Solr node needs Java 25, but $JAVA is '${version:-not found}' (set JAVA_HOME)"
}

# Every process is started with -Dhistoseek.cluster.member=<its folder>, so that a PID recorded
# long ago is never mistaken for an unrelated process that reuses it.
member_pid() {
  local member=$1 pid
  [[ -f $member/pid ]] || return 1
  pid=$(<"$member/pid")
  ps -ww -p "$pid" -o args= 2>/dev/null | grep -qF -- "-Dhistoseek.cluster.member=$member " || return 1
  echo "$pid"
}

# launch MEMBER LOG CLASS JVM_FLAGS... -- ARGS...: starts a JVM in the background and records its PID.
launch() {
  local member=$1 log=$2 class=$3; shift 3
  local flags=()
  while [[ $1 != -- ]]; do flags+=("$1"); shift; done; shift
  mkdir -p "$member"
  nohup "$JAVA" "${COMMON_FLAGS[@]}" "${flags[@]}" "-Dhistoseek.cluster.member=$member" \
    -cp "$NODE_BUILD/classes:$NODE_BUILD/lib/*" "$MAIN_PACKAGE.$class" "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$member/pid"
}

# wait_ready MEMBER LOG OFFSET WHAT: waits for the "ready: port=P" line written after OFFSET and prints P.
wait_ready() {
  local member=$1 log=$2 offset=$3 what=$4 deadline=$((SECONDS + TIMEOUT)) line
  while ((SECONDS < deadline)); do
    line=$(tail -c +$((offset + 1)) "$log" | grep -m1 -E 'ready: port=|failed' || true)
    if [[ $line == *"ready: port="* ]]; then
      line=${line#*port=}; echo "${line%% *}"; return 0
    fi
    [[ -n $line ]] && die "$what: ${line} (log: $log)"
    member_pid "$member" >/dev/null || die "$what exited while starting: $(grep -v "^[[:space:]]*$" "$log" | tail -n 1) (log: $log)"
    sleep 0.5
  done
  die "$what not ready after $TIMEOUT s (log: $log)"
}

log_size() { [[ -f $1 ]] && wc -c <"$1" | tr -d ' ' || echo 0; }

zk_host() { echo "127.0.0.1:$(<"$DIR/zookeeper/port")"; }

node_name() { echo "127.0.0.1:$(<"$DIR/node$1/port")_solr"; }

start_zookeeper() {
  local member=$DIR/zookeeper log=$DIR/logs/zookeeper.log offset port
  port=$(cat "$member/port" 2>/dev/null || echo 0)
  offset=$(log_size "$log")
  launch "$member" "$log" ZooKeeperMain -Xmx128m -- "$member/data" "$port"
  wait_ready "$member" "$log" "$offset" zookeeper >"$member/port"
}

# start_nodes I...: launches the nodes side by side, then waits for each and for all to be live.
start_nodes() {
  local i member log port names=() offsets=()
  for i in "$@"; do
    member=$DIR/node$i log=$DIR/logs/node$i.log
    port=$(cat "$member/port" 2>/dev/null || echo 0)
    offsets[i]=$(log_size "$log")
    launch "$member" "$log" SolrNodeMain "-Xms128m" "-Xmx$HEAP" "-Dsolr.log.dir=$DIR/logs" "${NODE_FLAGS[@]}" -- \
      "$member/home" "$port" "$(zk_host)"
  done
  for i in "$@"; do
    wait_ready "$DIR/node$i" "$DIR/logs/node$i.log" "${offsets[i]}" "node $i" >"$DIR/node$i/port.new"
    mv "$DIR/node$i/port.new" "$DIR/node$i/port"
    names+=("$(node_name "$i")")
  done
  "$JAVA" -Xmx64m -Dlog4j2.configurationFile=io/histoseek/cluster/node/log4j2.xml \
    -cp "$NODE_BUILD/classes:$NODE_BUILD/lib/*" "$MAIN_PACKAGE.LiveNodesMain" "$(zk_host)" "$TIMEOUT" "${names[@]}" \
    >/dev/null || die "nodes $* did not become live in ZooKeeper $(zk_host) (logs: $DIR/logs)"
}

describe_node() {
  echo "node $1: http://127.0.0.1:$(<"$DIR/node$1/port")/solr (pid $(<"$DIR/node$1/pid"), log $DIR/logs/node$1.log)"
}

node_count() { [[ -f $DIR/nodes ]] || die "no cluster in $DIR (start one: solr-local.sh start 3 $DIR)"; cat "$DIR/nodes"; }

check_node_index() {
  local n; n=$(node_count)
  [[ $1 =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= n)) || die "no node $1 in $DIR (nodes 1..$n)"
}

stop_member() {
  local member=$1 pid waited=0
  pid=$(member_pid "$member") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited++ > 600)); then kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.1
  done
  rm -f "$member/pid"
}

cmd=${1:-}
case $cmd in
  start)
    (($# == 3)) || usage
    [[ $2 =~ ^[1-9][0-9]?$ ]] || die "the node count must be 1..99, got '$2'"
    N=$2; mkdir -p "$3/logs"; DIR=$(cd "$3" && pwd)
    check_build
    for member in "$DIR"/zookeeper "$DIR"/node*; do
      member_pid "$member" >/dev/null && die "a cluster already runs in $DIR (stop it first: solr-local.sh stop $DIR)"
    done
    echo "$N" >"$DIR/nodes"
    start_zookeeper
    echo "zookeeper: $(zk_host) (pid $(<"$DIR/zookeeper/pid"), log $DIR/logs/zookeeper.log)"
    start_nodes $(seq 1 "$N")
    for i in $(seq 1 "$N"); do describe_node "$i"; done
    echo "archive: solr://$(zk_host)/$COLLECTION"
    ;;
  start-node)
    (($# == 3)) || usage
    DIR=$(cd "$2" 2>/dev/null && pwd) || die "no cluster in $2"
    check_build; check_node_index "$3"
    member_pid "$DIR/zookeeper" >/dev/null || die "ZooKeeper of $DIR is not running (start the cluster: solr-local.sh start $(node_count) $DIR)"
    member_pid "$DIR/node$3" >/dev/null && die "node $3 already runs (pid $(<"$DIR/node$3/pid"))"
    start_nodes "$3"
    describe_node "$3"
    ;;
  kill-node)
    (($# == 3)) || usage
    DIR=$(cd "$2" 2>/dev/null && pwd) || die "no cluster in $2"
    check_node_index "$3"
    pid=$(member_pid "$DIR/node$3") || die "node $3 is not running"
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$DIR/node$3/pid"
    echo "node $3 killed (SIGKILL, pid $pid); it stays in live_nodes until its ZooKeeper session expires"
    ;;
  stop)
    (($# == 2)) || usage
    DIR=$(cd "$2" 2>/dev/null && pwd) || die "no cluster in $2"
    for member in "$DIR"/node*; do [[ -d $member ]] && stop_member "$member" & done
    wait
    stop_member "$DIR/zookeeper"
    echo "stopped the cluster in $DIR"
    ;;
  status)
    (($# == 2)) || usage
    DIR=$(cd "$2" 2>/dev/null && pwd) || die "no cluster in $2"
    for i in $(seq 1 "$(node_count)"); do
      if member_pid "$DIR/node$i" >/dev/null; then describe_node "$i"; else echo "node $i: stopped"; fi
    done
    if member_pid "$DIR/zookeeper" >/dev/null; then
      echo "zookeeper: $(zk_host)"; echo "archive: solr://$(zk_host)/$COLLECTION"
    else
      echo "zookeeper: stopped"
    fi
    ;;
  *) usage ;;
esac
