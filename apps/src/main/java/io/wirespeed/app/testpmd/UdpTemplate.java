package io.wirespeed.app.testpmd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The headers testpmd's generators put in front of every packet: Ethernet, IPv4 198.18.0.1 to
 * 198.18.0.2 (the benchmarking range, as DPDK's txonly uses), UDP port 9 to 9, sized for frames
 * of {@code frameLength} bytes. Built once per stream; the payload is left as the buffer has it.
 */
final class UdpTemplate {
    static final int HEADERS = Frames.ETHER_HEADER + Frames.IPV4_HEADER + Frames.UDP_HEADER;
    static final int IP_OFFSET = Frames.ETHER_HEADER;
    static final int MIN_FRAME = HEADERS;
    static final int SOURCE_IP = 198 << 24 | 18 << 16 | 1;
    static final int DEST_IP = 198 << 24 | 18 << 16 | 2;
    static final int UDP_PORT = 9;

    final MemorySegment headers;
    final int frameLength;

    UdpTemplate(Arena arena, long dstMac, long srcMac, int frameLength) {
        if (frameLength < MIN_FRAME) {
            throw new IllegalArgumentException("--txpkts " + frameLength + " is shorter than the " + MIN_FRAME
                    + " bytes of Ethernet, IPv4 and UDP headers");
        }
        this.frameLength = frameLength;
        this.headers = arena.allocate(HEADERS, 8);
        MemorySegment h = headers;
        Frames.writeMacs(h, 0, dstMac, srcMac);
        h.set(Frames.U16, Frames.ETHER_TYPE, (short) Frames.TYPE_IPV4);
        int ipLength = frameLength - Frames.ETHER_HEADER;
        h.set(Frames.U16, IP_OFFSET, (short) 0x4500);          // version 4, IHL 5, no DSCP
        h.set(Frames.U16, IP_OFFSET + 2, (short) ipLength);
        h.set(Frames.U16, IP_OFFSET + 4, (short) 0);           // id
        h.set(Frames.U16, IP_OFFSET + 6, (short) 0);           // no fragmentation
        h.set(Frames.U16, IP_OFFSET + 8, (short) (64 << 8 | Frames.PROTO_UDP));
        h.set(Frames.U32, IP_OFFSET + 12, SOURCE_IP);
        h.set(Frames.U32, IP_OFFSET + 16, DEST_IP);
        Frames.setIpv4Checksum(h, IP_OFFSET, Frames.IPV4_HEADER);
        int udp = IP_OFFSET + Frames.IPV4_HEADER;
        h.set(Frames.U16, udp, (short) UDP_PORT);
        h.set(Frames.U16, udp + 2, (short) UDP_PORT);
        h.set(Frames.U16, udp + 4, (short) (ipLength - Frames.IPV4_HEADER));
        h.set(Frames.U16, udp + 6, (short) 0);                 // no UDP checksum (allowed over IPv4)
    }

    int ipChecksum() {
        return headers.get(Frames.U16, IP_OFFSET + 10) & 0xffff;
    }
}
