package io.wirespeed.app.l3fwd;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The IPv4 packets of one received burst, checked and with the fields the lookups read pulled out
 * into parallel arrays (structure of arrays, so a bulk lookup walks one array). {@link #fill}
 * keeps the packets l3fwd can route and frees the rest, counting each under its
 * {@link DropReason}. One per forwarding lcore; allocates nothing after construction.
 *
 * <p>The checks are RFC 1812's (section 5.2.2), as DPDK l3fwd's: the frame holds an Ethernet
 * header of type IPv4 and a whole IPv4 header, version 4, IHL at least 5, a total length that
 * covers the header and fits in the packet. The header checksum is not verified: DPDK leaves that
 * to the NIC's offload, which software ports do not have, and forwarding updates it incrementally
 * (a bad checksum stays bad). TTL 0 and 1 are dropped (RFC 1812 5.3.1).
 */
final class Ipv4Burst {
    static final int ETHER_LENGTH = 14;
    private static final int ETHER_TYPE_IPV4 = 0x0800;
    private static final int MIN_FRAME = ETHER_LENGTH + 20;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_SCTP = 132;
    private static final int FRAGMENT_OFFSET = 0x1fff;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    final Mbuf[] packets;
    /** Offset of each packet's IPv4 header in its mbuf's buffer. */
    final long[] l3Offsets;
    final int[] destinations;
    final int[] sources;
    final int[] protocols;
    /** Source port in the high 16 bits, destination port in the low; 0 without TCP/UDP/SCTP ports. */
    final int[] ports;
    int count;

    Ipv4Burst(int capacity) {
        packets = new Mbuf[capacity];
        l3Offsets = new long[capacity];
        destinations = new int[capacity];
        sources = new int[capacity];
        protocols = new int[capacity];
        ports = new int[capacity];
    }

    /**
     * Takes the routable packets of {@code rx[0..n)} into this burst (in order) and frees the
     * others, counting them; returns how many were kept.
     */
    int fill(Mbuf[] rx, int n, LcoreCounters counters) {
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Mbuf m = rx[i];
            DropReason bad = take(m, kept);
            if (bad == null) {
                kept++;
            } else {
                m.free();
                counters.countDropped(bad, 1);
            }
        }
        count = kept;
        return kept;
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
