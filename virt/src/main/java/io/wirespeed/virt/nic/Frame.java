package io.wirespeed.virt.nic;

import io.wirespeed.classify.rss.RssFunction;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The frame the NIC is switching, reused for every frame: where its bytes are (the uplink's mbuf,
 * or a VF's buffer in guest memory), its addresses and outer VLAN, and the tags the NIC inserts
 * in front of its own (a port VLAN, a transmit VLAN offload). Copies out of it apply those edits,
 * so a frame is read once per destination and never rewritten in place. NIC thread only.
 */
final class Frame {
    static final int ETHER_HEADER = 14;
    static final int MAC_BYTES = 12;
    static final int TAG_BYTES = 4;
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    MemorySegment memory;
    long offset;
    int length;
    long destination;
    long source;
    /** Tags to insert after the MAC addresses, outermost first: TPID << 16 | TCI. */
    private final int[] inserted = new int[2];
    private int insertedCount;

    /** Points at a frame of {@code length} bytes; false (and nothing parsed) when it has no Ethernet header. */
    boolean reset(MemorySegment memory, long offset, int length) {
        this.memory = memory;
        this.offset = offset;
        this.length = length;
        this.insertedCount = 0;
        if (length < ETHER_HEADER) {
            return false;
        }
        destination = mac(offset);
        source = mac(offset + 6);
        return true;
    }

    private long mac(long at) {
        return (Short.toUnsignedLong(memory.get(BE_SHORT, at)) << 32) | Integer.toUnsignedLong(memory.get(BE_INT, at + 2));
    }

    /** The frame's own outer TPID (0x8100 or 0x88a8) or 0 when it carries no tag. */
    int ownTpid() {
        if (length < ETHER_HEADER + TAG_BYTES) {
            return 0;
        }
        int type = Short.toUnsignedInt(memory.get(BE_SHORT, offset + MAC_BYTES));
        return type == 0x8100 || type == 0x88a8 ? type : 0;
    }

    int ownTci() {
        return Short.toUnsignedInt(memory.get(BE_SHORT, offset + MAC_BYTES + 2));
    }

    /** Adds a tag in front of the frame's own (inserted tags stack: the last one added is outermost). */
    void insertOuter(int tpid, int tci) {
        if (insertedCount == 1) {
            inserted[1] = inserted[0];
        }
        inserted[0] = tpid << 16 | (tci & 0xffff);
        insertedCount++;
    }

    int outerTpid() {
        return insertedCount > 0 ? inserted[0] >>> 16 : ownTpid();
    }

    int outerTci() {
        return insertedCount > 0 ? inserted[0] & 0xffff : ownTci();
    }

    /** The outer VLAN as the NIC's tables key it: 802.1ad or not, and the VLAN ID (0 when untagged). */
    int vlanKey() {
        int tpid = outerTpid();
        if (tpid == 0) {
            return 0;
        }
        return VlanKeys.key(tpid, outerTci() & 0xfff);
    }

    /** Bytes the frame has on the wire, with its inserted tags. */
    int wireLength() {
        return length + insertedCount * TAG_BYTES;
    }

    /** Bytes a copy has, without the outer tag when {@code stripOuter}. */
    int copyLength(boolean stripOuter) {
        return wireLength() - (stripOuter ? TAG_BYTES : 0);
    }

    /**
     * The RSS hash of an IPv4 frame (after up to two own tags), or 0 for anything else: which of a
     * pool's queues gets it.
     */
    int rssHash(RssFunction rss) {
        long at = offset + MAC_BYTES;
        long end = offset + length;
        int type = Short.toUnsignedInt(memory.get(BE_SHORT, at));
        for (int tags = 0; tags < 2 && (type == 0x8100 || type == 0x88a8) && at + 6 <= end; tags++) {
            at += TAG_BYTES;
            type = Short.toUnsignedInt(memory.get(BE_SHORT, at));
        }
        long ip = at + 2;
        if (type != 0x0800 || ip + 20 > end) {
            return 0;
        }
        int ihl = (memory.get(ValueLayout.JAVA_BYTE, ip) & 0x0f) * 4;
        int protocol = memory.get(ValueLayout.JAVA_BYTE, ip + 9) & 0xff;
        int src = memory.get(BE_INT, ip + 12);
        int dst = memory.get(BE_INT, ip + 16);
        boolean fragment = (memory.get(BE_SHORT, ip + 6) & 0x3fff) != 0;
        long l4 = ip + ihl;
        if (ihl < 20 || fragment || l4 + 4 > end) {
            return rss.ipv4(src, dst, -1, 0, 0);
        }
        int ports = memory.get(BE_INT, l4);
        return rss.ipv4(src, dst, protocol, ports >>> 16, ports & 0xffff);
    }

    /** Writes the frame (without its outer tag when {@code stripOuter}) to {@code to} at {@code at}. */
    void copyTo(MemorySegment to, long at, boolean stripOuter) {
        int firstInserted = 0;
        int skipOwn = 0;
        if (stripOuter) {
            if (insertedCount > 0) {
                firstInserted = 1;
            } else {
                skipOwn = TAG_BYTES;
            }
        }
        if (firstInserted >= insertedCount && skipOwn == 0) {
            MemorySegment.copy(memory, offset, to, at, length);
            return;
        }
        MemorySegment.copy(memory, offset, to, at, MAC_BYTES);
        long pos = at + MAC_BYTES;
        for (int i = firstInserted; i < insertedCount; i++) {
            to.set(BE_INT, pos, inserted[i]);
            pos += TAG_BYTES;
        }
        long rest = MAC_BYTES + skipOwn;
        MemorySegment.copy(memory, offset + rest, to, pos, length - rest);
    }
}
