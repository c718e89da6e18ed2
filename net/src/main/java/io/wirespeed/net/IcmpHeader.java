package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of the first 8 bytes of an ICMP message (rte_icmp_hdr): type, code, checksum, and the
 * identifier and sequence number of echo messages (other types use those 4 bytes otherwise).
 */
public final class IcmpHeader extends HeaderView {
    public static final int LENGTH = 8;
    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DESTINATION_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;

    public IcmpHeader() {
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
