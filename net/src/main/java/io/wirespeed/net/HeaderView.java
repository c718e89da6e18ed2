package io.wirespeed.net;

import java.lang.foreign.MemorySegment;

/**
 * A flyweight over one header in a frame's bytes: made once, re-pointed at each packet with
 * {@link #wrap}. Accessors read and write the bytes in place, in network byte order; nothing is
 * copied. Not thread-safe: one view per lcore.
 *
 * <p>Accessors do not check that {@link #wrap} succeeded: read a view only after it returned true.
 */
public abstract class HeaderView {
    private final int fixedLength;
    /** The bytes the view reads and writes. */
    protected MemorySegment segment = MemorySegment.NULL;
    /** Where the header starts in {@link #segment}. */
    protected long offset;
    /** Where the packet's bytes end in {@link #segment} (exclusive). */
    protected long limit;

    protected HeaderView(int fixedLength) {
        this.fixedLength = fixedLength;
    }

    /**
     * Points the view at the header starting at {@code offset} of a packet that ends at
     * {@code limit}. Returns whether the fixed part of the header lies inside the packet (and the
     * segment); the view is re-pointed either way.
     */
    public boolean wrap(MemorySegment segment, long offset, long limit) {
        this.segment = segment;
        this.offset = offset;
        this.limit = limit;
        return offset >= 0 && limit <= segment.byteSize() && offset <= limit - fixedLength;
    }

    /** Bytes of the header's fixed part (without options). */
    public final int fixedLength() {
        return fixedLength;
    }

    public final MemorySegment segment() {
        return segment;
    }

    /** Where the header starts in {@link #segment()}. */
    public final long offset() {
        return offset;
    }

    /** Where the packet ends in {@link #segment()} (exclusive). */
    public final long limit() {
        return limit;
    }
}
