package io.wirespeed.app.l3fwd;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The IP packets of one received burst, checked and with the fields the lookups read pulled out
 * into parallel arrays (structure of arrays, so a bulk lookup walks one array). {@link #fill}
 * keeps the packets l3fwd can route and frees the rest, counting each under its
 * {@link DropReason}. One per forwarding lcore; allocates nothing after construction.
 *
 * <p>IPv4 packets take slots {@code [0, count)}, IPv6 packets {@code [capacity, capacity +
 * count6)}, each family in arrival order, so each family's lookup is one bulk call over
 * contiguous arrays and a burst without IPv6 costs nothing extra.
 *
 * <p>The IPv4 checks are RFC 1812's (section 5.2.2), as DPDK l3fwd's: the frame holds an Ethernet
 * header of type IPv4 and a whole IPv4 header, version 4, IHL at least 5, a total length that
 * covers the header and fits in the packet. The header checksum is not verified: DPDK leaves that
 * to the NIC's offload, which software ports do not have, and forwarding updates it incrementally
 * (a bad checksum stays bad). TTL 0 and 1 are dropped (RFC 1812 5.3.1). IPv6 packets need a
 * whole 40-byte header, version 6 and a payload length that fits in the packet; hop limit 0 and
 * 1 are dropped (RFC 8200 section 3). Extension headers are not walked: routing reads only the
 * fixed header.
 */
final class IpBurst {
    static final int ETHER_LENGTH = 14;
    private static final int ETHER_TYPE_IPV4 = 0x0800;
    private static final int ETHER_TYPE_IPV6 = 0x86dd;
    private static final int MIN_FRAME = ETHER_LENGTH + 20;
    private static final int IPV6_HEADER = 40;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_SCTP = 132;
    private static final int FRAGMENT_OFFSET = 0x1fff;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** Where the IPv6 slots begin: the burst size. */
    final int capacity;
    /** IPv4 packets in [0, count), IPv6 in [capacity, capacity + count6). */
    final Mbuf[] packets;
    /** Offset of each packet's IP header in its mbuf's buffer. */
    final long[] l3Offsets;
    final int[] destinations;
    final int[] sources;
    final int[] protocols;
    /** Source port in the high 16 bits, destination port in the low; 0 without TCP/UDP/SCTP ports. */
    final int[] ports;
    /** IPv6 destination, bytes 0-7 and 8-15, in network order; indexed by slot. */
    final long[] destinationHighs;
    final long[] destinationLows;
    /** IPv4 packets kept. */
    int count;
    /** IPv6 packets kept. */
    int count6;

    IpBurst(int capacity) {
        this.capacity = capacity;
        packets = new Mbuf[2 * capacity];
        l3Offsets = new long[2 * capacity];
        destinationHighs = new long[2 * capacity];
        destinationLows = new long[2 * capacity];
        destinations = new int[capacity];
        sources = new int[capacity];
        protocols = new int[capacity];
        ports = new int[capacity];
    }

    /**
     * Takes the routable packets of {@code rx[0..n)} into this burst (each family in order) and
     * frees the others, counting them; returns how many were kept, of both families.
     */
    int fill(Mbuf[] rx, int n, LcoreCounters counters) {
        int kept4 = 0;
        int kept6 = 0;
        for (int i = 0; i < n; i++) {
            Mbuf m = rx[i];
            // IPv4 first, the common case, so its ethertype is read once.
            DropReason bad = take(m, kept4);
            if (bad == null) {
                kept4++;
            } else if (bad == DropReason.NOT_IP && isIpv6(m)) {
                bad = take6(m, capacity + kept6);
                kept6 += bad == null ? 1 : 0;
            }
            if (bad != null) {
                m.free();
                counters.countDropped(bad, 1);
            }
        }
        count = kept4;
        count6 = kept6;
        return kept4 + kept6;
    }

    private static boolean isIpv6(Mbuf m) {
        return m.dataLength() >= ETHER_LENGTH && (m.buffer().get(U16, m.dataOffset() + 12) & 0xffff) == ETHER_TYPE_IPV6;
    }

    /** Checks one IPv6 packet (its ethertype already seen) and records it at {@code slot}. */
    private DropReason take6(Mbuf m, int slot) {
        int frame = m.dataLength();
        if (frame < ETHER_LENGTH + IPV6_HEADER) {
            return DropReason.MALFORMED;
        }
        MemorySegment buf = m.buffer();
        long ip = m.dataOffset() + ETHER_LENGTH;
        long first = buf.get(U64, ip); // version, class, label, payload length, next header, hop limit
        if (first >>> 60 != 6 || ETHER_LENGTH + IPV6_HEADER + (int) (first >>> 16 & 0xffff) > m.packetLength()) {
            return DropReason.MALFORMED;
        }
        if ((first & 0xff) <= 1) {
            return DropReason.TTL_EXPIRED;
        }
        packets[slot] = m;
        l3Offsets[slot] = ip;
        destinationHighs[slot] = buf.get(U64, ip + 24);
        destinationLows[slot] = buf.get(U64, ip + 32);
        return null;
    }

    /**
     * Checks one packet and records it at {@code slot}; returns why it cannot be routed, or null.
     * Reads the headers in four wide loads (each MemorySegment access pays its own bounds and
     * liveness check, so fewer, wider loads are cheaper than one per field).
     */
    private DropReason take(Mbuf m, int slot) {
        int frame = m.dataLength();
        MemorySegment buf = m.buffer();
        long eth = m.dataOffset();
        if (frame < MIN_FRAME) {
            return frame >= ETHER_LENGTH && (buf.get(U16, eth + 12) & 0xffff) != ETHER_TYPE_IPV4
                    ? DropReason.NOT_IP : DropReason.MALFORMED;
        }
        long ip = eth + ETHER_LENGTH;
        int typeAndVersion = buf.get(U32, eth + 12); // ethertype, version/IHL, TOS
        if (typeAndVersion >>> 16 != ETHER_TYPE_IPV4) {
            return DropReason.NOT_IP;
        }
        long lengthToProtocol = buf.get(U64, ip + 2); // total length, id, flags/fragment, TTL, protocol
        int versionIhl = typeAndVersion >>> 8 & 0xff;
        int headerLength = (versionIhl & 0xf) << 2;
        int totalLength = (int) (lengthToProtocol >>> 48);
        if (versionIhl >>> 4 != 4 || headerLength < 20 || ETHER_LENGTH + headerLength > frame
                || totalLength < headerLength || ETHER_LENGTH + totalLength > m.packetLength()) {
            return DropReason.MALFORMED;
        }
        if ((lengthToProtocol >>> 8 & 0xff) <= 1) {
            return DropReason.TTL_EXPIRED;
        }
        int protocol = (int) lengthToProtocol & 0xff;
        long addresses = buf.get(U64, ip + 12);
        int l4Ports = 0;
        long l4 = ip + headerLength;
        if ((protocol == PROTO_UDP || protocol == PROTO_TCP || protocol == PROTO_SCTP)
                && (lengthToProtocol >>> 16 & FRAGMENT_OFFSET) == 0 && l4 + 4 <= eth + frame && headerLength + 4 <= totalLength) {
            l4Ports = buf.get(U32, l4);
        }
        packets[slot] = m;
        l3Offsets[slot] = ip;
        sources[slot] = (int) (addresses >>> 32);
        destinations[slot] = (int) addresses;
        protocols[slot] = protocol;
        ports[slot] = l4Ports;
        return null;
    }
}
