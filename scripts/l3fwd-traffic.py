#!/usr/bin/env python3
"""Writes the traffic and the rule files for l3fwd runs, in formats both Wirespeed's and DPDK's
l3fwd read: a pcap of N UDP/IPv4 flows (one per destination host, 64-byte frames by default) and,
for each lookup, a rule file that routes every flow, alternating between the output ports:

  DIR/flows.pcap   the frames (replay with net_pcap's infinite_rx=1)
  DIR/lpm.cfg      R<dst>/24 PORT               one /24 per flow (DPDK's LPM has 256 tbl8 groups)
  DIR/em.cfg       R<dst> <src> <dport> <sport> 0x11 PORT   the flow's exact 5-tuple
  DIR/acl.cfg      R0.0.0.0/0 <dst>/24 0 : 65535 0 : 65535 0/0 PORT   l3fwd-acl's route rules
  DIR/hosts.cfg    <dst>/32 PORT                host routes (lpm, em and acl alike; Wirespeed only)
  DIR/v6.cfg, em6.cfg, acl6.cfg   one IPv6 rule per lookup (DPDK's l3fwd wants --rule_ipv6 too)

With --family ipv6 the flows are UDP/IPv6 instead, one per 2001:db8:X::/48, and v6.cfg routes
each flow's /48 (R2001:db8:X::/48 PORT; lpm only); the IPv4 files then hold one unused rule.

usage: l3fwd-traffic.py DIR [--flows N] [--ports P] [--frame BYTES] [--seed S] [--family ipv4|ipv6]
"""
import argparse
import os
import random
import struct


def checksum(data):
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, sport, dport, length):
    payload = bytes(length - 42)
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000099" "020000000001") + struct.pack("!H", 0x0800)
    return eth + ip + udp


def frame6(src, dst, sport, dport, length):
    payload = bytes(length - 62)
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack("!IxxxB", len(udp), 17)
    udp = udp[:6] + struct.pack("!H", checksum(pseudo + udp + bytes(len(udp) % 2)) or 0xFFFF) + udp[8:]
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(udp), 17, 64, src, dst)
    eth = bytes.fromhex("020000000099" "020000000001") + struct.pack("!H", 0x86DD)
    return eth + ip + udp


def v6(net, host):
    """2001:db8:NET::HOST as 16 bytes."""
    return struct.pack("!HHHHQ", 0x2001, 0xDB8, net, 0, host)


def dotted(a):
    return ".".join(str(a >> s & 255) for s in (24, 16, 8, 0))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir")
    p.add_argument("--flows", type=int, default=1024)
    p.add_argument("--ports", type=int, default=2)
    p.add_argument("--frame", type=int, default=64, help="frame length without FCS (>= 60)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--family", choices=("ipv4", "ipv6"), default="ipv4")
    a = p.parse_args()
    if not 1 <= a.flows <= 65536 or a.ports < 1 or a.frame < 60:
        p.error("--flows must be 1..65536, --ports >= 1, --frame >= 60")
    if a.family == "ipv6":
        write_ipv6(a)
        return
    os.makedirs(a.dir, exist_ok=True)
    rnd = random.Random(a.seed)
    nets = list({(10 << 24) | (rnd.randrange(1 << 16) << 8) for _ in range(a.flows * 3)})[: a.flows]
    rnd.shuffle(nets)
    flows = []
    for i, net in enumerate(nets):
        dst = net | (1 + rnd.randrange(254))
        src = (198 << 24) | (18 << 16) | i
        flows.append((src, dst, 1024 + i % 60000, 9, i % a.ports))
    with open(os.path.join(a.dir, "flows.pcap"), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, (src, dst, sport, dport, _) in enumerate(flows):
            data = frame(struct.pack("!I", src), struct.pack("!I", dst), sport, dport, a.frame)
            f.write(struct.pack("<IIII", 0, i, len(data), len(data)) + data)
    rules = {
        "lpm.cfg": lambda s, d, sp, dp, o: "R%s/24 %d" % (dotted(d & ~0xFF), o),
        "em.cfg": lambda s, d, sp, dp, o: "R%s %s %d %d 0x11 %d" % (dotted(d), dotted(s), dp, sp, o),
        "acl.cfg": lambda s, d, sp, dp, o: "R0.0.0.0/0 %s/24 0 : 65535 0 : 65535 0/0 %d" % (dotted(d & ~0xFF), o),
        "hosts.cfg": lambda s, d, sp, dp, o: "%s/32 %d" % (dotted(d), o),
    }
    for name, line in rules.items():
        with open(os.path.join(a.dir, name), "w") as f:
            f.write("# %d flows, written by l3fwd-traffic.py\n" % len(flows))
            for fl in flows:
                f.write(line(*fl) + "\n")
    with open(os.path.join(a.dir, "v6.cfg"), "w") as f:
        f.write("R2001:db8::/32 0\n")
    # DPDK's l3fwd wants an IPv6 file in each lookup's own format.
    with open(os.path.join(a.dir, "em6.cfg"), "w") as f:
        f.write("R2001:db8::1 2001:db8::2 9 9 0x11 0\n")
    with open(os.path.join(a.dir, "acl6.cfg"), "w") as f:
        f.write("R0:0:0:0:0:0:0:0/0 2001:db8:0:0:0:0:0:0/32 0 : 65535 0 : 65535 0/0 0\n")


def write_ipv6(a):
    if a.frame < 62:
        raise SystemExit("l3fwd-traffic.py: --frame must be >= 62 for UDP/IPv6")
    os.makedirs(a.dir, exist_ok=True)
    rnd = random.Random(a.seed)
    nets = rnd.sample(range(1 << 16), a.flows)
    with open(os.path.join(a.dir, "flows.pcap"), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, net in enumerate(nets):
            data = frame6(v6(0xFFFF, 1 + i), v6(net, 1 + rnd.randrange(1 << 32)), 1024 + i % 60000, 9, a.frame)
            f.write(struct.pack("<IIII", 0, i, len(data), len(data)) + data)
    with open(os.path.join(a.dir, "v6.cfg"), "w") as f:
        f.write("# %d IPv6 flows, written by l3fwd-traffic.py\n" % len(nets))
        for i, net in enumerate(nets):
            f.write("R2001:db8:%x::/48 %d\n" % (net, i % a.ports))
    # The IPv4 side still needs a rule file each for DPDK's l3fwd; nothing matches it.
    for name, rule in (("lpm.cfg", "R192.0.2.0/24 0"), ("em.cfg", "R192.0.2.1 192.0.2.2 9 9 0x11 0"),
                       ("acl.cfg", "R0.0.0.0/0 192.0.2.0/24 0 : 65535 0 : 65535 0/0 0")):
        with open(os.path.join(a.dir, name), "w") as f:
            f.write(rule + "\n")
    with open(os.path.join(a.dir, "em6.cfg"), "w") as f:
        f.write("R2001:db8::1 2001:db8::2 9 9 0x11 0\n")
    with open(os.path.join(a.dir, "acl6.cfg"), "w") as f:
        f.write("R0:0:0:0:0:0:0:0/0 2001:db8:0:0:0:0:0:0/32 0 : 65535 0 : 65535 0/0 0\n")


if __name__ == "__main__":
    main()
