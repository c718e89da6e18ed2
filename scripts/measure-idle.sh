#!/usr/bin/env bash
# measure-idle.sh — what the idle policies cost and save: testpmd io forwarding between two veth
# pairs (generator -> Wirespeed -> sink, each in its own network namespace), with a trafgen load
# at full speed, at the rate busy mode forwards at full speed (the same offered load for every
# policy, so their losses compare), and at 1 % of that rate, for each --idle policy.
# Prints one line per run: policy, offered pps, forwarded pps, loss, forwarding lcore's CPU (% of
# one core), sleeps, wake-ups, packets per wake-up.
#
#   gen:wsiA0 --veth--> dut:wsiA1 [port 0] --> [port 1] dut:wsiB1 --veth--> snk:wsiB0
#
# Needs root, iproute2 and netsniff-ng (trafgen). Env: PMD (af_packet | af_xdp, default af_packet),
# DUR (seconds per run, default 10), POLICIES (default "busy adaptive interrupt").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
WS=${WIRESPEED:-$root/wirespeed}
PMD=${PMD:-af_packet}
DUR=${DUR:-10}
POLICIES=${POLICIES:-busy adaptive interrupt}
command -v trafgen >/dev/null || { echo "measure-idle: trafgen not found (apt-get install -y netsniff-ng)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "measure-idle: run as root (namespaces, veth pairs, raw sockets)" >&2; exit 2; }

NS="wsi_gen wsi_dut wsi_snk"
down() {
  for n in $NS; do ip netns del "$n" 2>/dev/null || true; done
}
up() {
  down
  for n in $NS; do
    ip netns add "$n"
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$n" link set lo up
  done
  ip link add wsiA0 netns wsi_gen type veth peer name wsiA1 netns wsi_dut
  ip link add wsiB1 netns wsi_dut type veth peer name wsiB0 netns wsi_snk
  ip -n wsi_gen link set wsiA0 up; ip -n wsi_dut link set wsiA1 up
  ip -n wsi_dut link set wsiB1 up; ip -n wsi_snk link set wsiB0 up
}
trap 'kill $(jobs -p) 2>/dev/null || true; down' EXIT
counter() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }

# run POLICY RATE_PPS (0 = as fast as trafgen goes): one measured run, prints the result line
run() {
  local policy=$1 rate=$2 log json g0 g1 s0 s1
  up
  log=$(mktemp)
  ip netns exec wsi_dut "$WS" testpmd --vdev "net_${PMD}0,iface=wsiA1" --vdev "net_${PMD}1,iface=wsiB1" \
      -l 0-1 --nb-cores 1 --fwd io --idle "$policy" --duration $((DUR + 4)) --json >"$log" 2>&1 </dev/null &
  local dut=$!
  sleep 2
  g0=$(counter wsi_gen wsiA0 tx_packets); s0=$(counter wsi_snk wsiB0 rx_packets)
  # 64-byte frames to the DUT's port (any unicast MAC: the DUT's sockets are promiscuous)
  timeout "$DUR" ip netns exec wsi_gen taskset -c 0 trafgen --dev wsiA0 --cpus 1 --no-cpu-stats -q \
      ${rate:+$( [ "$rate" -gt 0 ] && echo "-b ${rate}pps" )} \
      '{ 0x02,0x00,0x00,0x00,0x00,0x01, 0x02,0x00,0x00,0x00,0x00,0x02, c16(0x0800), fill(0x00, 50) }' \
      >/dev/null 2>&1 || true
  sleep 1
  g1=$(counter wsi_gen wsiA0 tx_packets); s1=$(counter wsi_snk wsiB0 rx_packets)
  wait "$dut" || { echo "measure-idle: testpmd failed:" >&2; tail -3 "$log" >&2; return 1; }
  json=$(tail -1 "$log")
  python3 - "$policy" "$g0" "$g1" "$s0" "$s1" "$DUR" "$json" <<'PY'
import json, sys
policy, g0, g1, s0, s1, dur, doc = sys.argv[1], *map(int, sys.argv[2:7]), json.loads(sys.argv[7])
offered, delivered = g1 - g0, s1 - s0
lc = doc["lcores"][0]
cpu = (lc["busy_cpu_s"] + lc["idle_cpu_s"]) / doc["duration_s"] * 100
print(f"{policy:9s} offered {offered/dur:10.0f} pps  forwarded {delivered/dur:10.0f} pps  "
      f"loss {offered - delivered:8d} ({(offered - delivered) / max(offered, 1) * 100:5.2f} %)  "
      f"lcore cpu {cpu:5.1f} %  sleeps {lc['sleeps']}  wake-ups {lc['wakeups']}  "
      f"packets/wake-up {lc['packets_per_wakeup']}")
print(f"RESULT {policy} {offered/dur:.0f} {delivered/dur:.0f}", file=sys.stderr)
PY
  rm -f "$log"
  down
}

echo "# $PMD, ${DUR} s per run; full speed first"
full=""
for p in $POLICIES; do
  line=$(run "$p" 0 2>/tmp/wsi.result)
  echo "$line"
  if [ "$p" = busy ]; then
    full=$(awk '/^RESULT/ {print $4}' /tmp/wsi.result)
  fi
done
[ -n "$full" ] || full=$(awk '/^RESULT/ {print $4}' /tmp/wsi.result)
echo "# the rate busy mode forwarded at full speed, offered to every policy: $full pps"
for p in $POLICIES; do
  run "$p" "$full" 2>/dev/null
done
low=$(( full / 100 ))
[ "$low" -gt 0 ] || low=1000
echo "# 1 % of the rate busy mode forwarded: $low pps"
for p in $POLICIES; do
  run "$p" "$low" 2>/dev/null
done
