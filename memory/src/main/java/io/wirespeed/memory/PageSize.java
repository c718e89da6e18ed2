package io.wirespeed.memory;

/** The page size backing a zone. */
public enum PageSize {
    SMALL(4096),
    HUGE_2M(2L << 20);

    private final long bytes;

    PageSize(long bytes) {
        this.bytes = bytes;
    }

    public long bytes() {
        return bytes;
    }

    /** {@code size} rounded up to a whole number of these pages. */
    public long roundUp(long size) {
        return (size + bytes - 1) & -bytes;
    }
}
