#!/bin/bash
# Side by side in one run: DPDK's l3fwd and Wirespeed's l3fwd on the same work, one forwarding
# core each: 1024 UDP/IPv4 flows replayed from a pcap (net_pcap, infinite_rx=1) into port 0,
# routed to ports 0 and 1 (net_null1 transmit frees), for each of --lookup lpm, em and acl, with
# rule files both read (scripts/l3fwd-traffic.py). DPDK is timed through its telemetry socket
# (transmitted packets over DUR seconds after a 2 s warm-up); Wirespeed by its --json fwd_mpps.
#
# DPDK's l3fwd is not packaged; it is built from the sources of Debian's dpdk-doc
# (/usr/share/dpdk/examples/l3fwd) against libdpdk-dev, with one change: the rx checksum offload
# it requests is masked by what the port offers, since software ports offer none and
# rte_eth_dev_configure refuses it otherwise (the packets are not checked either way).
#
# Needs: root, apt-get install -y dpdk-dev dpdk-doc libdpdk-dev pkg-config gcc make python3.
# FAMILY=ipv6 replays UDP/IPv6 flows instead, one /48 route each, and compares lpm only (both
# l3fwds read the same IPv6 routes; Wirespeed's routes file holds both families).
# Env: DUR (5) RUNS (3) MODES ("lpm em acl") FLOWS (1024) FAMILY (ipv4) WORK (/tmp/wirespeed-l3fwd) WIRESPEED (./wirespeed)
set -euo pipefail
DUR=${DUR:-5}
RUNS=${RUNS:-3}
FAMILY=${FAMILY:-ipv4}
if [ "$FAMILY" = ipv6 ]; then MODES=${MODES:-lpm}; else MODES=${MODES:-lpm em acl}; fi
FLOWS=${FLOWS:-1024}
WORK=${WORK:-/tmp/wirespeed-l3fwd}
WS=${WIRESPEED:-./wirespeed}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PFX=ws_l3cmp
mkdir -p "$WORK"

build_dpdk_l3fwd() {
  local src=/usr/share/dpdk/examples
  [ -x "$WORK/dpdk/l3fwd/build/l3fwd-shared" ] && return 0
  [ -d "$src/l3fwd" ] || { echo "no DPDK l3fwd sources: apt-get install -y dpdk-doc libdpdk-dev pkg-config gcc make" >&2; exit 2; }
  rm -rf "$WORK/dpdk" && mkdir -p "$WORK/dpdk" && cp -r "$src/l3fwd" "$src/common" "$WORK/dpdk/"
  local main="$WORK/dpdk/l3fwd/main.c"
  sed -i 's|^\(\t\tlocal_port_conf.rx_adv_conf.rss_conf.rss_hf &=\)|\t\tlocal_port_conf.rxmode.offloads \&= dev_info.rx_offload_capa; /* wirespeed anchor */\n\1|' "$main"
  sed -i 's|rxq_conf.offloads = port_conf.rxmode.offloads;|rxq_conf.offloads = port_conf.rxmode.offloads \& dev_info.rx_offload_capa; /* wirespeed anchor */|' "$main"
  [ "$(grep -c 'wirespeed anchor' "$main")" = 2 ] || { echo "cannot patch $main (not DPDK 22.11?)" >&2; exit 2; }
  make -C "$WORK/dpdk/l3fwd" -j2 shared >"$WORK/dpdk-build.log" 2>&1 || { echo "DPDK l3fwd build failed, see $WORK/dpdk-build.log" >&2; exit 2; }
}

# Transmitted packets per second (Mpps) of ports 0 and 1 over $1 seconds, after a 2 s warm-up.
tel_rate() {
  python3 - "/var/run/dpdk/$PFX/dpdk_telemetry.v2" "$1" <<'PY'
import json, socket, sys, time
path, secs = sys.argv[1], float(sys.argv[2])
s = None
for _ in range(600):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); s.connect(path); break
    except OSError:
        s = None; time.sleep(0.05)
if s is None:
    print("nan"); sys.exit(1)
s.recv(65536)
def sent():
    n = 0
    for p in (0, 1):
        s.send(f"/ethdev/stats,{p}".encode()); n += json.loads(s.recv(65536))["/ethdev/stats"]["opackets"]
    return n
time.sleep(2)
a = sent(); t = time.monotonic(); time.sleep(secs); b = sent()
print("%.3f" % ((b - a) / (time.monotonic() - t) / 1e6))
PY
}

dpdk_once() {
  local mode=$1 v6 log=$WORK/dpdk-$1.log rate
  case $mode in lpm) v6=v6.cfg ;; em) v6=em6.cfg ;; acl) v6=acl6.cfg ;; esac
  rm -f /var/run/dpdk/$PFX/dpdk_telemetry.v2
  "$WORK/dpdk/l3fwd/build/l3fwd-shared" -l 1 --no-huge -m 1024 --no-pci --file-prefix=$PFX \
      --vdev "net_pcap0,rx_pcap=$WORK/flows.pcap,infinite_rx=1" --vdev net_null1,no-rx=1 -- \
      -p 0x3 --config "(0,0,1),(1,0,1)" --parse-ptype --lookup "$mode" \
      --rule_ipv4 "$WORK/$mode.cfg" --rule_ipv6 "$WORK/$v6" >"$log" 2>&1 </dev/null &
  local pid=$!
  rate=$(tel_rate "$DUR") || { kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; echo "DPDK l3fwd failed, see $log" >&2; exit 1; }
  kill -INT $pid; wait $pid 2>/dev/null || true
  echo "$rate"
}

ws_once() {
  local mode=$1 log=$WORK/ws-$1.log routes=$WORK/$1.cfg
  if [ "$FAMILY" = ipv6 ]; then routes=$WORK/$1-46.cfg; cat "$WORK/$1.cfg" "$WORK/v6.cfg" >"$routes"; fi
  "$WS" l3fwd --vdev "net_pcap0,rx_pcap=$WORK/flows.pcap,infinite_rx=1" --vdev net_null1,no-rx=1 -l 0-1 -p 0x3 \
      --lookup "$mode" --routes "$routes" --duration "$((DUR + 2))" --json >"$log" 2>&1 </dev/null \
      || { echo "wirespeed l3fwd failed, see $log" >&2; tail -3 "$log" >&2; exit 1; }
  tail -1 "$log" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["fwd_mpps"], d["cpu_ns_per_packet"], d["totals"]["dropped"])'
}

median() { sort -g | awk '{a[NR]=$1} END { print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2 }'; }

build_dpdk_l3fwd
python3 "$ROOT/scripts/l3fwd-traffic.py" "$WORK" --flows "$FLOWS" --family "$FAMILY"
cat "$WORK/flows.pcap" >/dev/null
for mode in $MODES; do
  d=(); w=(); q=()
  for r in $(seq 1 "$RUNS"); do
    a=$(dpdk_once "$mode")
    read -r b ns dropped < <(ws_once "$mode")
    echo "# $mode run $r: dpdk $a Mpps, wirespeed $b Mpps ($ns ns CPU a packet, $dropped dropped)" >&2
    d+=("$a"); w+=("$b"); q+=("$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b/a}')")
  done
  [ "$FAMILY" = ipv6 ] && mode=${mode}6
  echo "l3fwd_${mode}_dpdk_mpps $(printf '%s\n' "${d[@]}" | median)"
  echo "l3fwd_${mode}_wirespeed_mpps $(printf '%s\n' "${w[@]}" | median)"
  echo "l3fwd_${mode}_ratio_wirespeed_over_dpdk $(printf '%s\n' "${q[@]}" | median)"
done
