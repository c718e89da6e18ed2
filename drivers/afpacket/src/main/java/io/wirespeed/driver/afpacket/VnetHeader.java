package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

/**
 * struct virtio_net_hdr (linux/virtio_net.h), which PACKET_VNET_HDR puts before every frame:
 * flags, gso_type, hdr_len, gso_size, csum_start, csum_offset; little-endian on the hosts Java
 * runs this driver on (the kernel reads it in the host's order for packet sockets).
 */
final class VnetHeader {
    static final int SIZE = 10;
    private static final int HDR_LEN_SHIFT = 16;
    private static final int CSUM_OFFSET = 8;

    private VnetHeader() {
    }

    /**
     * No checksum to fill in, no segmentation, and hdr_len = the whole frame: the kernel copies
     * that many bytes into the skb's linear part. {@code at} is 8-byte aligned (slot + 48).
     */
    static void writeWholeFrameLinear(MemorySegment ring, long at, int frameLength) {
        // flags 0, gso_type 0 (GSO_NONE), hdr_len, gso_size 0, csum_start 0 in one store.
        ring.set(JAVA_LONG, at, (long) frameLength << HDR_LEN_SHIFT);
        ring.set(JAVA_SHORT, at + CSUM_OFFSET, (short) 0);
    }
}
