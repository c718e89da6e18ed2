package io.wirespeed.driver.afpacket;

/**
 * The shape of one socket's rings, from the devargs {@code blocksz}, {@code framesz} and
 * {@code framecnt}. The receive ring is {@code framecnt * framesz} bytes cut into blocks of
 * {@code blocksz} (TPACKET_V3 packs frames of any length into a block, so {@code framesz} only
 * sets the ring's size there); the transmit ring is {@code framecnt} slots of {@code framesz}
 * bytes, each holding a 48-byte header and one frame.
 */
record RingGeometry(int blockSize, int frameSize, int frameCount) {
    /** TPACKET_ALIGNMENT: the kernel places frames on 16-byte boundaries. */
    static final int FRAME_ALIGNMENT = 16;
    static final int MIN_FRAME_SIZE = 128;
    /** Above this a ring is a mistake rather than a choice (and the kernel's ints start to overflow). */
    static final long MAX_RING_BYTES = 1L << 30;

    /**
     * Checks the rules the kernel (and this driver) puts on a ring; a broken rule is one line that
     * names the key and the rule.
     */
    static RingGeometry of(String device, int blockSize, int frameSize, int frameCount, int pageSize) {
        if (frameSize % FRAME_ALIGNMENT != 0) {
            throw new IllegalArgumentException(device + ": framesz=" + frameSize + " must be a multiple of "
                    + FRAME_ALIGNMENT + " (TPACKET_ALIGNMENT)");
        }
        if (frameSize < MIN_FRAME_SIZE) {
            throw new IllegalArgumentException(device + ": framesz=" + frameSize + " must be at least " + MIN_FRAME_SIZE);
        }
        if (blockSize % pageSize != 0) {
            throw new IllegalArgumentException(device + ": blocksz=" + blockSize + " must be a multiple of the page size ("
                    + pageSize + ")");
        }
        if (blockSize % frameSize != 0) {
            throw new IllegalArgumentException(device + ": blocksz=" + blockSize + " must be a multiple of framesz="
                    + frameSize);
        }
        int framesPerBlock = blockSize / frameSize;
        if (frameCount % framesPerBlock != 0) {
            throw new IllegalArgumentException(device + ": framecnt=" + frameCount + " must be a multiple of blocksz/framesz="
                    + framesPerBlock + " (the frames in one block)");
        }
        long bytes = (long) frameCount * frameSize;
        if (bytes > MAX_RING_BYTES) {
            throw new IllegalArgumentException(device + ": framecnt*framesz=" + bytes + " bytes per ring exceeds "
                    + MAX_RING_BYTES + " (1 GiB)");
        }
        return new RingGeometry(blockSize, frameSize, frameCount);
    }

    int framesPerBlock() {
        return blockSize / frameSize;
    }

    int blockCount() {
        return frameCount / framesPerBlock();
    }

    /** Bytes of one ring (receive and transmit rings are the same size). */
    long ringBytes() {
        return (long) frameCount * frameSize;
    }

    /** The longest frame a transmit slot holds: the slot less its TPACKET_V3 header. */
    int maxTxFrame() {
        return frameSize - Tpacket3.TX_DATA_OFFSET;
    }
}
