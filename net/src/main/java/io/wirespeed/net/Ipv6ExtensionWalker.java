package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;

import java.lang.foreign.MemorySegment;

/**
 * Walks the extension headers after a fixed IPv6 header to the upper-layer protocol: hop-by-hop,
 * routing, destination options and AH by their length fields, the fragment header as 8 bytes.
 * ESP and anything else ends the walk (ESP's payload is opaque).
 *
 * <p>The walk is bounded: a header that would run past the packet's end, or a chain longer than
 * {@link #MAX_HEADERS}, makes it stop with {@link #PAST_END} or {@link #TOO_MANY}. A fragment
 * header with a non-zero offset also ends it: what follows is the middle of a datagram, not a
 * header. Made once, reused per packet; allocates nothing.
 */
public final class Ipv6ExtensionWalker {
    /** The chain is longer than this many headers: malformed (a real one has a handful). */
    public static final int MAX_HEADERS = 8;
    public static final int FRAGMENT_HEADER_LENGTH = 8;

    /** The walk reached an upper-layer protocol. */
    public static final int OK = 0;
    /** An extension header would run past the end of the packet. */
    public static final int PAST_END = 1;
    /** More than {@link #MAX_HEADERS} extension headers. */
    public static final int TOO_MANY = 2;

    private int upperProtocol;
    private long upperOffset;
    private int headerCount;
    private boolean fragmented;
    private int fragmentField;
    private int fragmentId;

    /**
     * Walks from {@code offset} (just after the fixed header) given the fixed header's
     * {@code nextHeader}, in a packet that ends at {@code limit}. Returns {@link #OK},
     * {@link #PAST_END} or {@link #TOO_MANY}; on the latter two {@link #upperOffset()} is where
     * the walk stopped.
     */
    public int walk(MemorySegment segment, long offset, int nextHeader, long limit) {
        headerCount = 0;
        fragmented = false;
        fragmentField = 0;
        fragmentId = 0;
        long at = offset;
        int protocol = nextHeader;
        limit = Math.min(limit, segment.byteSize());
        while (isWalked(protocol)) {
            upperProtocol = protocol;
            upperOffset = at;
            if (headerCount == MAX_HEADERS) {
                return TOO_MANY;
            }
            if (at < 0 || at > limit - 8) {
                return PAST_END;
            }
            int next = getU8(segment, at);
            long length = switch (protocol) {
                case IpProtocols.FRAGMENT -> FRAGMENT_HEADER_LENGTH;
                case IpProtocols.AH -> (getU8(segment, at + 1) + 2L) << 2;
                default -> (getU8(segment, at + 1) + 1L) << 3;
            };
            if (at > limit - length) {
                return PAST_END;
            }
            headerCount++;
            at += length;
            protocol = next;
            if (upperProtocol == IpProtocols.FRAGMENT) {
                fragmented = true;
                fragmentField = getU16(segment, at - 6);
                fragmentId = getI32(segment, at - 4);
                if (fragmentOffset() != 0) {
                    break;
                }
            }
        }
        upperProtocol = protocol;
        upperOffset = at;
        return OK;
    }

    private static boolean isWalked(int protocol) {
        return switch (protocol) {
            case IpProtocols.HOP_BY_HOP, IpProtocols.ROUTING, IpProtocols.FRAGMENT, IpProtocols.AH,
                    IpProtocols.DESTINATION_OPTIONS -> true;
            default -> false;
        };
    }

    /** The protocol after the last extension header (or where a failed walk stopped). */
    public int upperProtocol() {
        return upperProtocol;
    }

    /** Where the upper-layer header starts (or where a failed walk stopped). */
    public long upperOffset() {
        return upperOffset;
    }

    /** Extension headers walked. */
    public int headerCount() {
        return headerCount;
    }

    /** A fragment header was met. */
    public boolean fragmented() {
        return fragmented;
    }

    /** The fragment header's offset, in 8-byte units; 0 for a first fragment (or none). */
    public int fragmentOffset() {
        return fragmentField >>> 3;
    }

    /** The fragment header's M flag. */
    public boolean moreFragments() {
        return (fragmentField & 1) != 0;
    }

    public int fragmentId() {
        return fragmentId;
    }
}
