package io.wirespeed.virt.vswitch;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.setU16;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.EthernetHeader;
import java.lang.foreign.MemorySegment;

/**
 * Pushing, popping and rewriting a frame's 802.1Q tag in its bytes, in place. The caller makes
 * sure the buffer is the frame's alone (not shared with a clone) and, to push, that the first
 * segment has four bytes of headroom.
 */
final class VlanTags {
    private static final int ADDRESSES = 12;
    private static final int TAG = 4;

    private VlanTags() {
    }

    /** Gives the frame tag {@code to} (or {@link VlanMode#UNTAGGED}) in place of {@code from} (or untagged). */
    static void retag(Mbuf m, int from, int to) {
        if (from == VlanMode.UNTAGGED) {
            push(m, to);
        } else if (to == VlanMode.UNTAGGED) {
            pop(m);
        } else {
            MemorySegment b = m.buffer();
            long tci = m.dataOffset() + EthernetHeader.LENGTH;
            setU16(b, tci, getU16(b, tci) & 0xf000 | to); // keeps the priority and drop-eligible bits
        }
    }

    /** Inserts a tag (priority 0) after the addresses. */
    private static void push(Mbuf m, int vid) {
        int at = m.prepend(TAG);
        MemorySegment b = m.buffer();
        MemorySegment.copy(b, at + TAG, b, at, ADDRESSES);
        setU16(b, at + ADDRESSES, EthernetHeader.TYPE_VLAN);
        setU16(b, at + ADDRESSES + 2, vid);
    }

    /** Removes the tag after the addresses. */
    private static void pop(Mbuf m) {
        MemorySegment b = m.buffer();
        int at = m.dataOffset();
        MemorySegment.copy(b, at, b, at + TAG, ADDRESSES); // overlapping: copied as if through a buffer
        m.adj(TAG);
    }
}
