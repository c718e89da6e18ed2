#!/usr/bin/env bash
# measure-idle.sh — what the idle policies cost and save: testpmd io forwarding between two veth
# pairs (generator -> Wirespeed -> sink, each in its own network namespace), with a trafgen load
# at full speed, at the rate busy mode forwards at full speed (the same offered load for every
# policy, so their losses compare), and at 1 % of that rate, for each --idle policy.
# Prints one line per run: policy, offered pps, forwarded pps, loss, forwarding lcore's CPU (% of
# one core, over the whole testpmd run), sleeps, wake-ups, packets per wake-up; then where the loss
# happened, and the lcore's CPU while the traffic flowed.
#
#   gen:wsiA0 --veth--> dut:wsiA1 [port 0] --> [port 1] dut:wsiB1 --veth--> snk:wsiB0
#
# Needs root, iproute2 and netsniff-ng (trafgen). Env: PMD (af_packet | af_xdp, default af_packet),
# DUR (seconds per run, default 10), POLICIES (default "busy adaptive interrupt"), RAMP (seconds
# at the start of the traffic reported apart, default 1.5), LOGS (a directory to keep each run's
# testpmd output in).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
WS=${WIRESPEED:-$root/wirespeed}
PMD=${PMD:-af_packet}
DUR=${DUR:-10}
POLICIES=${POLICIES:-busy adaptive interrupt}
RAMP=${RAMP:-1.5}
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
# lcore_cpu_ns PID: CPU time (ns, /proc schedstat) the forwarding lcore's thread (lcore-1) has used
lcore_cpu_ns() {
  local t
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = lcore-1 ]; then awk '{print $1}' "$t/schedstat"; return; fi
  done
  echo 0
}

# pace RATE_PPS: trafgen's options for that offered load. trafgen's --rate sends each second's
# quota back to back and then waits for the next second (measured with 0.6.8: 2,500 pps arrive
# as one 2,500-frame burst in about 10 ms), which at a low rate is a burst test, not a steady
# load; so low rates use a fixed gap between frames (a sleep each: steady, but it tops out near
# 20 kpps), high rates --rate. 0: as fast as trafgen goes. Each gap costs trafgen more than the
# gap itself (a send and a sleep: 4,000 pps asked, 3,200-3,400 sent), so the gap is shortened by
# that overhead, measured once by gap_overhead.
GAP_OVERHEAD_NS=0
pace() {
  if [ "$1" -eq 0 ]; then return; fi
  if [ "$1" -le 20000 ]; then echo "--gap $((1000000000 / $1 - GAP_OVERHEAD_NS))ns"; else echo "-b ${1}pps"; fi
}
FRAME='{ 0x02,0x00,0x00,0x00,0x00,0x01, 0x02,0x00,0x00,0x00,0x00,0x02, c16(0x0800), fill(0x00, 50) }'
# gap_overhead: what each --gap frame costs trafgen beyond its gap, in ns, measured on a veth
# pair of its own in the generator's namespace over 3 s of 250 us gaps.
gap_overhead() {
  ip -n wsi_gen link add wsiC0 type veth peer name wsiC1
  ip -n wsi_gen link set wsiC0 up; ip -n wsi_gen link set wsiC1 up
  local a b
  a=$(counter wsi_gen wsiC0 tx_packets)
  timeout 3 ip netns exec wsi_gen taskset -c 0 trafgen --dev wsiC0 --cpus 1 --no-cpu-stats -q --gap 250000ns \
      "$FRAME" >/dev/null 2>&1 || true
  b=$(counter wsi_gen wsiC0 tx_packets)
  ip -n wsi_gen link del wsiC0
  # trafgen needs a moment to start: count 2.8 s of the 3
  awk -v n=$((b - a)) 'BEGIN { o = (n > 0) ? 2.8e9 / n - 250000 : 0; printf "%d", (o > 0 && o < 200000) ? o : 0 }'
}

# run POLICY RATE_PPS (0 = as fast as trafgen goes): one measured run, prints the result line
run() {
  local policy=$1 rate=$2 log json g0 g1 s0 s1 gr lines ramp_missed jvm c0 c1 t0 t1
  up
  log=$(mktemp)
  # Port statistics every 0.5 s: the receive port's RX-missed over time tells the loss while the
  # lcore wakes up and comes to speed apart from the loss once the traffic flows.
  ip netns exec wsi_dut "$WS" testpmd --vdev "net_${PMD}0,iface=wsiA1" --vdev "net_${PMD}1,iface=wsiB1" \
      -l 0-1 --nb-cores 1 --fwd io --idle "$policy" --duration $((DUR + 4)) --stats-period 0.5 --json \
      >"$log" 2>&1 </dev/null &
  local dut=$!
  # Traffic starts once testpmd forwards: before that its sockets (or the XDP program) are not
  # there yet, and the frames they miss are the harness's, not the policy's.
  local waited=0
  until grep -q "packet forwarding - ports" "$log"; do
    sleep 0.1; waited=$((waited + 1))
    [ "$waited" -lt 300 ] || { echo "measure-idle: testpmd did not start forwarding in 30 s:" >&2; tail -3 "$log" >&2; return 1; }
  done
  sleep 0.5
  jvm=$(pgrep -f "wirespeed.jar testpmd" | head -1)
  g0=$(counter wsi_gen wsiA0 tx_packets); s0=$(counter wsi_snk wsiB0 rx_packets)
  c0=$(lcore_cpu_ns "$jvm"); t0=$(date +%s%N)
  # 64-byte frames to the DUT's port (any unicast MAC: the DUT's sockets are promiscuous)
  timeout "$DUR" ip netns exec wsi_gen taskset -c 0 trafgen --dev wsiA0 --cpus 1 --no-cpu-stats -q \
      $(pace "$rate") \
      "$FRAME" >/dev/null 2>&1 &
  local gen=$!
  # The first RAMP seconds of traffic: the lcore wakes up, the JIT recompiles the forwarding path
  # for traffic; what follows is the rate the policy holds.
  sleep "$RAMP"
  gr=$(counter wsi_gen wsiA0 tx_packets); lines=$(wc -l <"$log")
  wait "$gen" || true
  c1=$(lcore_cpu_ns "$jvm"); t1=$(date +%s%N)
  sleep 1
  g1=$(counter wsi_gen wsiA0 tx_packets); s1=$(counter wsi_snk wsiB0 rx_packets)
  wait "$dut" || { echo "measure-idle: testpmd failed:" >&2; tail -3 "$log" >&2; return 1; }
  json=$(tail -1 "$log")
  # port 0's RX-missed in the last statistics block printed before the ramp ended
  ramp_missed=$(head -n "$lines" "$log" | awk '/NIC statistics for port 0/ {p = 1} p && /RX-missed/ {m = $4; p = 0} END {print m + 0}')
  python3 - "$policy" "$g0" "$g1" "$s0" "$s1" "$DUR" "$gr" "$ramp_missed" "$RAMP" "$json" \
      "$(( (c1 - c0) * 1000 / (t1 - t0 + 1) ))" <<'PY'
import json, sys
policy, g0, g1, s0, s1, dur, gr, ramp_missed = sys.argv[1], *map(int, sys.argv[2:9])
ramp, doc, traffic_cpu = float(sys.argv[9]), json.loads(sys.argv[10]), int(sys.argv[11]) / 10
offered, delivered = g1 - g0, s1 - s0
lc = doc["lcores"][0]
cpu = (lc["busy_cpu_s"] + lc["idle_cpu_s"]) / doc["duration_s"] * 100
print(f"{policy:9s} offered {offered/dur:10.0f} pps  forwarded {delivered/dur:10.0f} pps  "
      f"loss {offered - delivered:8d} ({(offered - delivered) / max(offered, 1) * 100:5.2f} %)  "
      f"lcore cpu {cpu:5.1f} %  sleeps {lc['sleeps']}  wake-ups {lc['wakeups']}  "
      f"packets/wake-up {lc['packets_per_wakeup']}")
# Where the loss happened: the kernel's drops at our receive socket (imissed), frames the transmit
# queue refused, and the rest (lost past our transmit, e.g. in the sink veth's backlog).
rx = doc["ports"][0]
tx_refused = sum(p["fwd_tx_dropped"] for p in doc["ports"])
after = (offered - delivered) - rx["imissed"] - tx_refused
print(f"{'':9s} lost at rx (imissed) {rx['imissed']}  refused by tx {tx_refused}  beyond tx {after}")
# Once the traffic flows: what was offered after the ramp, and what the receive socket dropped then.
steady_offered, steady_missed = g1 - gr, rx["imissed"] - ramp_missed
print(f"{'':9s} first {ramp:g} s: lost at rx {ramp_missed}  after it: offered {steady_offered}, "
      f"lost at rx {steady_missed} ({steady_missed / max(steady_offered, 1) * 100:.2f} %)")
# The lcore's CPU while the traffic flowed (its thread's schedstat), without the idle seconds
# before and after that the column above averages in.
print(f"{'':9s} lcore cpu while the traffic flowed: {traffic_cpu:.1f} % of a core")
print(f"RESULT {policy} {offered/dur:.0f} {delivered/dur:.0f}", file=sys.stderr)
PY
  if [ -n "${LOGS:-}" ]; then mkdir -p "$LOGS" && cp "$log" "$LOGS/testpmd-$PMD-$policy-$rate.log"; fi
  rm -f "$log"
  down
}

echo "# $PMD, ${DUR} s per run; full speed first"
full=""
for p in $POLICIES; do
  run "$p" 0 2>/tmp/wsi.result
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
up; GAP_OVERHEAD_NS=$(gap_overhead); down
echo "# 1 % of the rate busy mode forwarded: $low pps (trafgen's gap shortened by $((GAP_OVERHEAD_NS / 1000)) us per frame)"
for p in $POLICIES; do
  run "$p" "$low" 2>/dev/null
done
