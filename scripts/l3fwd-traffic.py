#!/usr/bin/env python3
"""Writes traffic and routes for l3fwd runs: a pcap of UDP/IPv4 frames to N destination hosts and a
routes file with one host route (/32) per destination, alternating between the output ports, so the
same file serves --lookup lpm, em and acl. Replay the pcap with net_pcap's infinite_rx=1.

usage: l3fwd-traffic.py PCAP ROUTES [--hosts N] [--ports P] [--frame BYTES] [--seed S]
"""
import argparse
import random
import struct


def checksum(data):
    if len(data) % 2:
        data += b"\0"
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


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pcap")
    p.add_argument("routes")
    p.add_argument("--hosts", type=int, default=1024)
    p.add_argument("--ports", type=int, default=2)
    p.add_argument("--frame", type=int, default=64, help="frame length without FCS (>= 60)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if a.hosts < 1 or a.ports < 1 or a.frame < 60:
        p.error("--hosts and --ports must be >= 1, --frame >= 60")
    rnd = random.Random(a.seed)
    hosts = sorted({(10 << 24) | rnd.randrange(1 << 24) for _ in range(a.hosts * 2)})[: a.hosts]
    rnd.shuffle(hosts)
    with open(a.routes, "w") as f:
        f.write("# %d host routes for l3fwd (lpm, em and acl read this file alike)\n" % len(hosts))
        for i, h in enumerate(hosts):
            f.write("%s/32 %d\n" % (".".join(str(h >> s & 255) for s in (24, 16, 8, 0)), i % a.ports))
    with open(a.pcap, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, h in enumerate(hosts):
            src = struct.pack("!I", (198 << 24) | (18 << 16) | (i & 0xFFFF))
            data = frame(src, struct.pack("!I", h), 1024 + i % 4096, 9, a.frame)
            f.write(struct.pack("<IIII", 0, i, len(data), len(data)) + data)


if __name__ == "__main__":
    main()
