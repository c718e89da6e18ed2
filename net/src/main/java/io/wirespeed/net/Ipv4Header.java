package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setI32;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of an IPv4 header (rte_ipv4_hdr). {@link #wrap} checks the fixed 20 bytes; a caller that
 * reads options checks {@link #headerLength()} against the packet with {@link #headerFits()}.
 * Addresses are ints, first octet in the high byte.
 */
public final class Ipv4Header extends HeaderView {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;
    /** Flag bits of the 16-bit flags/fragment-offset field. */
    public static final int FLAG_DONT_FRAGMENT = 0x4000;
    public static final int FLAG_MORE_FRAGMENTS = 0x2000;
    public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    public Ipv4Header() {
        super(MIN_LENGTH);
    }

    public int version() {
        return getU8(segment, offset) >>> 4;
    }

    /** Header length in 32-bit words (5..15 when valid). */
    public int ihl() {
        return getU8(segment, offset) & 0xf;
    }

    /** Writes version and IHL together (they share a byte). */
    public void versionAndIhl(int version, int ihl) {
        setU8(segment, offset, (version << 4) | (ihl & 0xf));
    }

    /** Header length in bytes: IHL × 4. */
    public int headerLength() {
        return ihl() << 2;
    }

    /** Bytes of options: header length − 20 (negative for an invalid IHL). */
    public int optionsLength() {
        return headerLength() - MIN_LENGTH;
    }

    /** True when IHL is at least 5 and the whole header, options included, lies in the packet. */
    public boolean headerFits() {
        int length = headerLength();
        return length >= MIN_LENGTH && offset <= limit - length;
    }

    /** Type of service: DSCP in the high six bits, ECN in the low two. */
    public int tos() {
        return getU8(segment, offset + 1);
    }

    public void tos(int tos) {
        setU8(segment, offset + 1, tos);
    }

    public int totalLength() {
        return getU16(segment, offset + 2);
    }

    public void totalLength(int length) {
        setU16(segment, offset + 2, length);
    }

    public int identification() {
        return getU16(segment, offset + 4);
    }

    public void identification(int id) {
        setU16(segment, offset + 4, id);
    }

    /** The whole flags/fragment-offset field. */
    public int flagsAndFragmentOffset() {
        return getU16(segment, offset + 6);
    }

    public void flagsAndFragmentOffset(int value) {
        setU16(segment, offset + 6, value);
    }

    public boolean dontFragment() {
        return (flagsAndFragmentOffset() & FLAG_DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (flagsAndFragmentOffset() & FLAG_MORE_FRAGMENTS) != 0;
    }

    /** Fragment offset in 8-byte units. */
    public int fragmentOffset() {
        return flagsAndFragmentOffset() & FRAGMENT_OFFSET_MASK;
    }

    /** A fragment, first or not: MF set or a non-zero offset. */
    public boolean isFragment() {
        return (flagsAndFragmentOffset() & (FLAG_MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0;
    }

    public int ttl() {
        return getU8(segment, offset + 8);
    }

    public void ttl(int ttl) {
        setU8(segment, offset + 8, ttl);
    }

    public int protocol() {
        return getU8(segment, offset + 9);
    }

    public void protocol(int protocol) {
        setU8(segment, offset + 9, protocol);
    }

    public int checksum() {
        return getU16(segment, offset + 10);
    }

    public void checksum(int checksum) {
        setU16(segment, offset + 10, checksum);
    }

    public int source() {
        return getI32(segment, offset + 12);
    }

    public void source(int address) {
        setI32(segment, offset + 12, address);
    }

    public int destination() {
        return getI32(segment, offset + 16);
    }

    public void destination(int address) {
        setI32(segment, offset + 16, address);
    }

    /** Where the options start (they run for {@link #optionsLength()} bytes). */
    public long optionsOffset() {
        return offset + MIN_LENGTH;
    }
}
