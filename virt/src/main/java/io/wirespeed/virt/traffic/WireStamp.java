package io.wirespeed.virt.traffic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The time a frame arrived from the wire, carried in its UDP payload (as packet generators do:
 * the frame's bytes are all that survive the copies into a guest). Untagged IPv4/UDP frames only:
 * the stamp sits right after the UDP header, so a 64-byte frame has room for it.
 */
public final class WireStamp {
    /** Ethernet (14) + IPv4 (20) + UDP (8). */
    public static final int OFFSET = 42;
    /** The shortest frame that carries a stamp. */
    public static final int MIN_FRAME = OFFSET + Long.BYTES;
    private static final ValueLayout.OfLong STAMP = ValueLayout.JAVA_LONG_UNALIGNED;

    private WireStamp() {}

    /** Stamps the frame whose first byte is at {@code frameOffset} of {@code buffer} (it must be at least {@link #MIN_FRAME} long). */
    public static void write(MemorySegment buffer, long frameOffset, long nanos) {
        buffer.set(STAMP, frameOffset + OFFSET, nanos);
    }

    /** The stamp of a frame {@code length} bytes long, or -1 when it is too short to carry one. */
    public static long read(MemorySegment buffer, long frameOffset, int length) {
        return length < MIN_FRAME ? -1 : buffer.get(STAMP, frameOffset + OFFSET);
    }
}
