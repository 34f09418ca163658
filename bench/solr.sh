#!/usr/bin/env bash
# SolrCloud benchmark (issue 15): the local archive (SQLite + Lucene) against a 3-node local SolrCloud
# (cluster/solr-local.sh, 2 shards x 2 NRT replicas) on the same synthetic 1536-d vectors as
# bench/archive.sh (../shared/bench/ann_data.py), in one run, through the same archive API
# (cluster/client/src/test/java/io/histoseek/cluster/bench/SolrBench.java): import tiles/s, k-NN p50/p95
# and q/s from 1 and 4 client threads, recall@10 against exact; then the same searches with one node killed.
#   bench/solr.sh                 N=20000 (100k: N=100000; about 10 min of Solr import on 2 cores)
#   QUERIES=200                   timed queries per row;  ANN_DATA=dir reuses generated data
#   HISTOSEEK_SOLR_HEAP=1g        heap per Solr node
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=$(cd "$root/../shared" && pwd)
n=${N:-20000}
queries=${QUERIES:-200}
tmp=${TMPDIR:-/tmp}/histoseek-bench
data=${ANN_DATA:-$tmp/data-$n}
work=$tmp/solr-$n
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
export HISTOSEEK_SOLR_HEAP=${HISTOSEEK_SOLR_HEAP:-1g}

if [[ ! -f "$data/gt_$n.i32" ]]; then
  echo "bench: generating $n vectors into $data"
  mkdir -p "$data"
  nice /usr/bin/python3 "$shared/bench/ann_data.py" gen "$data" "$n" "$n"
fi
# One reactor run (never `mvn install`): the node launcher's lib folder, the client and its test classes.
mvn -B -q -o -pl cluster/client -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
cp="$root/cluster/client/target/test-classes:$root/cluster/client/target/classes:$root/index/target/classes:$root/model/target/classes:$(cat "$root/cluster/client/target/cp.txt")"
java=("$JAVA_HOME/bin/java" -Xmx3g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)
bench() { nice "${java[@]}" -cp "$cp" io.histoseek.cluster.bench.SolrBench "$@" 2>&1 | grep -v "incubator modules" | tee -a "$log"; }

rm -rf "$work" && mkdir -p "$work"
log=$work/bench-$n.log
say() { echo "$@" | tee -a "$log"; }
say "bench: n=$n queries=$queries load=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"

say "bench: local archive"
bench build "$data" "$n" "$work/local"
say "RESULT local-disk n=$n bytes_per_tile=$(( $(du -sb "$work/local" | cut -f1) / n ))"
for t in 1 4; do bench search "$data" "$n" "$work/local" "$t" "$queries"; done

say "bench: SolrCloud, 3 nodes, 2 shards x 2 replicas"
address=$(bash cluster/solr-local.sh start 3 "$work/cluster" | tee -a "$log" | sed -n 's/^archive: //p')
trap 'bash cluster/solr-local.sh stop "$work/cluster" >/dev/null 2>&1 || true' EXIT
bench build "$data" "$n" "$address"
say "RESULT solr-disk n=$n bytes_per_tile_all_replicas=$(( $(du -sb "$work"/cluster/node*/home | awk '{s+=$1} END {print s}') / n ))"
for t in 1 4; do bench search "$data" "$n" "$address" "$t" "$queries"; done

say "bench: SolrCloud with node 1 killed"
bash cluster/solr-local.sh kill-node "$work/cluster" 1 | tee -a "$log"
for t in 1 4; do bench search "$data" "$n" "$address" "$t" "$queries" solr-node-killed; done
say "bench: done, log in $log"
