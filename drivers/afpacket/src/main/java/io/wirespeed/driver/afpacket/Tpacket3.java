package io.wirespeed.driver.afpacket;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The TPACKET_V3 ring format of linux/if_packet.h, as byte offsets (host byte order), and the
 * status words through which kernel and user space pass blocks and frames to each other.
 *
 * <p>Receive ring: blocks of {@code blocksz} bytes, each a {@code tpacket_block_desc} followed by
 * frames. The kernel fills the open block and closes it (full, or after the retire timeout) by
 * setting {@code block_status} to TP_STATUS_USER; user space reads it and hands it back by setting
 * TP_STATUS_KERNEL. Blocks go round in order.
 *
 * <p>Transmit ring: fixed slots of {@code framesz} bytes, each a {@code tpacket3_hdr} and the
 * frame at {@link #TX_DATA_OFFSET}. User space fills a slot whose status is TP_STATUS_AVAILABLE
 * and sets TP_STATUS_SEND_REQUEST; sendto() makes the kernel send every requested slot and set it
 * back to AVAILABLE when the device is done with the frame.
 */
final class Tpacket3 {
    static final int TPACKET_V3 = 2;

    // struct tpacket_block_desc: version, offset_to_priv, then struct tpacket_hdr_v1
    static final int BLOCK_STATUS = 8;
    static final int BLOCK_NUM_PKTS = 12;
    static final int BLOCK_OFFSET_TO_FIRST_PKT = 16;
    static final int BLOCK_LEN = 20;
    static final int BLOCK_DESC_SIZE = 48;

    // struct tpacket3_hdr
    static final int NEXT_OFFSET = 0;
    static final int SEC = 4;
    static final int NSEC = 8;
    static final int SNAPLEN = 12;
    static final int LEN = 16;
    static final int STATUS = 20;
    static final int MAC = 24;
    static final int VLAN_TCI = 32;
    static final int VLAN_TPID = 36;
    static final int HDR_SIZE = 48;
    /** struct sockaddr_ll follows the (16-byte aligned) header; its sll_pkttype byte. */
    static final int SLL_PKTTYPE = HDR_SIZE + 10;
    /** Where a transmit frame starts: the header's size (TPACKET3_HDRLEN less the sockaddr_ll). */
    static final int TX_DATA_OFFSET = HDR_SIZE;

    // tp_status / block_status bits
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_VLAN_VALID = 1 << 4;
    static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
    static final int TP_STATUS_AVAILABLE = 0;
    static final int TP_STATUS_SEND_REQUEST = 1;
    static final int TP_STATUS_SENDING = 1 << 1;
    static final int TP_STATUS_WRONG_FORMAT = 1 << 2;

    // sll_pkttype values
    static final int PACKET_OTHERHOST = 3;
    static final int PACKET_OUTGOING = 4;

    /**
     * An int in the ring at a byte offset, for the status words shared with the kernel: read with
     * getAcquire, written with setRelease. Coordinates (MemorySegment, long offset).
     */
    static final VarHandle STATUS_WORD = ValueLayout.JAVA_INT.varHandle().withInvokeExactBehavior();

    private Tpacket3() {
    }
}
