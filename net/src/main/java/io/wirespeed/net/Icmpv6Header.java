package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of the first 8 bytes of an ICMPv6 message (RFC 4443): type, code, checksum, and the
 * identifier and sequence number of echo messages (other types use those 4 bytes otherwise).
 */
public final class Icmpv6Header extends HeaderView {
    public static final int LENGTH = 8;
    public static final int TYPE_DESTINATION_UNREACHABLE = 1;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;

    public Icmpv6Header() {
        super(LENGTH);
    }

    public int type() {
        return getU8(segment, offset);
    }

    public void type(int type) {
        setU8(segment, offset, type);
    }

    public int code() {
        return getU8(segment, offset + 1);
    }

    public void code(int code) {
        setU8(segment, offset + 1, code);
    }

    public int checksum() {
        return getU16(segment, offset + 2);
    }

    public void checksum(int checksum) {
        setU16(segment, offset + 2, checksum);
    }

    public int identifier() {
        return getU16(segment, offset + 4);
    }

    public void identifier(int id) {
        setU16(segment, offset + 4, id);
    }

    public int sequence() {
        return getU16(segment, offset + 6);
    }

    public void sequence(int seq) {
        setU16(segment, offset + 6, seq);
    }
}
