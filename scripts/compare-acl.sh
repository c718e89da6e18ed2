#!/bin/bash
# Wirespeed's ACL against DPDK's dpdk-test-acl on the same rule file and trace, in one command.
#
# For each rule count: AclWorkloadMain writes a seeded classbench-like rule set and a trace in
# dpdk-test-acl's --rulesf / --tracef formats; both sides classify the trace once and their
# per-packet results are compared (they must agree on every packet); then dpdk-test-acl times
# the trace with --alg=scalar and with its default (best vector) algorithm, and JMH times
# AclBenchmark.bulk on the same two files, in bursts of BURST packets, one category.
#
# Prints `name value` lines (ns per packet, and the ratio Wirespeed / DPDK) on stdout; details
# and logs go to stderr and $OUT. Run as root (dpdk-test-acl needs it) from anywhere.
# Env: RULES ("1000 10000"), TRACES (65536, a multiple of 256), BURST (32, divides 256),
#      ITER (200: dpdk-test-acl passes over the trace), SEED (1), RUNS (1: alternations),
#      LCORE (1: the CPU dpdk-test-acl runs on), OUT (${TMPDIR:-/tmp}/wirespeed-acl), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."

RULES=${RULES:-1000 10000}
TRACES=${TRACES:-65536}
BURST=${BURST:-32}
ITER=${ITER:-200}
SEED=${SEED:-1}
RUNS=${RUNS:-1}
LCORE=${LCORE:-1}
OUT=${OUT:-${TMPDIR:-/tmp}/wirespeed-acl}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
JAR=bench/target/benchmarks.jar

command -v dpdk-test-acl >/dev/null || { echo "dpdk-test-acl not found (apt-get install -y dpdk-dev)" >&2; exit 2; }
[ -x "$JAVA" ] || { echo "no JDK 25 at $JAVA_HOME (set JAVA_HOME)" >&2; exit 2; }
mkdir -p "$OUT"
if [ ! -f "$JAR" ]; then
  echo "# building $JAR" >&2
  JAVA_HOME=$JAVA_HOME ./mvnw -B -ntp -q -pl bench -am package -DskipTests >&2
fi

# dpdk-test-acl RULES TRACE EXTRA...: EAL on one lcore, 4 KiB pages, no devices.
dpdk_acl() {
  local rules=$1 trace=$2; shift 2
  dpdk-test-acl --no-huge -m 1024 --no-pci -l "$LCORE" --file-prefix=wsacl -- \
    --rulesf="$rules" --tracef="$trace" --tracenum="$TRACES" --rulenum=65536 "$@"
}

# ns per packet from dpdk-test-acl's summary line ("..., N pkt/sec").
dpdk_ns() {
  local log=$1
  awk '/^search_ip5tuples /{ for (i = 1; i <= NF; i++) if ($i == "pkt/sec") v = $(i - 1) } END { if (v == "") exit 1; printf "%.2f\n", 1e9 / v }' "$log"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }

echo "# tsc/cpu MHz $(awk '/^cpu MHz/{print $4; exit}' /proc/cpuinfo); shared machine, figures move 10-20 % between runs" >&2
for n in $RULES; do
  rules=$OUT/rules-$n.acl
  trace=$OUT/trace-$n.txt
  "$JAVA" -cp "$JAR" io.wirespeed.bench.AclWorkloadMain write "$rules" "$trace" "$n" "$TRACES" "$SEED"

  # Same answers first: dpdk-test-acl --verbose=2 prints each packet's result (rule number - 1).
  dpdk_acl "$rules" "$trace" --iter=1 --verbose=2 --tracestep="$BURST" 2>"$OUT/dpdk-check-$n.err" \
    | grep '^ipv4_5tuple:' >"$OUT/dpdk-results-$n.txt"
  "$JAVA" -cp "$JAR" io.wirespeed.bench.AclWorkloadMain results "$rules" "$trace" "$BURST" \
    >"$OUT/wirespeed-results-$n.txt" 2>"$OUT/wirespeed-build-$n.txt"
  differ=$(diff "$OUT/dpdk-results-$n.txt" "$OUT/wirespeed-results-$n.txt" | grep -c '^>' || true)
  checked=$(wc -l <"$OUT/dpdk-results-$n.txt")
  echo "acl_${n}_packets_checked $checked"
  echo "acl_${n}_packets_disagreeing $differ"
  echo "# $(cat "$OUT/wirespeed-build-$n.txt")" >&2
  [ "$differ" = 0 ] && [ "$checked" = "$TRACES" ] || { echo "results differ: diff $OUT/dpdk-results-$n.txt $OUT/wirespeed-results-$n.txt" >&2; exit 1; }

  for run in $(seq "$RUNS"); do
    dpdk_acl "$rules" "$trace" --iter="$ITER" --verbose=0 --tracestep="$BURST" --alg=scalar >"$OUT/dpdk-scalar-$n.log" 2>&1
    scalar=$(dpdk_ns "$OUT/dpdk-scalar-$n.log")
    dpdk_acl "$rules" "$trace" --iter="$ITER" --verbose=0 --tracestep="$BURST" >"$OUT/dpdk-default-$n.log" 2>&1
    vector=$(dpdk_ns "$OUT/dpdk-default-$n.log")
    alg=$(awk '/^  alg=/{ sub("  alg=", ""); split("scalar sse avx2 neon altivec avx512x16 avx512x32", name, " ");
      print (($0 in name) ? name[$0] : $0); exit }' "$OUT/dpdk-default-$n.log")
    "$JAVA" -jar "$JAR" 'AclBenchmark.bulk' -p rules="$n" -p traces="$TRACES" -p burst="$BURST" \
      -p rulesFile="$rules" -p traceFile="$trace" -f 1 -wi 2 -w 1 -i 3 -r 1 \
      -rf csv -rff "$OUT/jmh-$n.csv" >"$OUT/jmh-$n.log" 2>&1
    ours=$(awk -F, 'NR == 2 { printf "%.2f\n", $5 }' "$OUT/jmh-$n.csv")
    echo "# run $run, $n rules: dpdk scalar $scalar ns, dpdk alg $alg $vector ns, wirespeed $ours ns per packet" >&2
    echo "acl_${n}_dpdk_scalar_ns $scalar"
    echo "acl_${n}_dpdk_default_ns $vector"
    echo "acl_${n}_dpdk_default_alg $alg"
    echo "acl_${n}_wirespeed_ns $ours"
    echo "acl_${n}_ratio_vs_scalar $(ratio "$ours" "$scalar")"
    echo "acl_${n}_ratio_vs_default $(ratio "$ours" "$vector")"
  done
done
