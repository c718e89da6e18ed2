package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * A ring user space produces into and the kernel consumes from: the fill ring (u64 UMEM
 * addresses for the kernel to receive into) and the TX ring (xdp_desc: address and length of a
 * frame to send). Owned by one thread.
 */
final class ProducerRing extends XskRing {
    private int producer;
    /** The kernel's consumer index as last read. */
    private int cachedConsumer;

    ProducerRing(MemorySegment mapping, long producerOffset, long consumerOffset, long flagsOffset, long descOffset,
                 int size, int entrySize) {
        super(mapping, producerOffset, consumerOffset, flagsOffset, descOffset, size, entrySize);
        this.producer = (int) U32.getAcquire(mapping, producerOffset);
        this.cachedConsumer = (int) U32.getAcquire(mapping, consumerOffset);
    }

    /**
     * Free slots, at most {@code wanted}. The kernel's consumer index is read only when the cached
     * one shows too little room; load-acquire, so that the kernel's reads of the slots it gave
     * back are done before we overwrite them.
     */
    int reserve(int wanted) {
        int free = size - (producer - cachedConsumer);
        if (free < wanted) {
            cachedConsumer = (int) U32.getAcquire(mapping, consumerOffset);
            free = size - (producer - cachedConsumer);
        }
        return Math.min(free, wanted);
    }

    /** The index the next {@link #submit} publishes from: write entries at producerIndex() + i. */
    int producerIndex() {
        return producer;
    }

    /** Fill ring: entry {@code index} is UMEM address {@code address}. */
    void setAddress(int index, long address) {
        entries.set(JAVA_LONG, (long) (index & mask) * Xdp.ADDR_SIZE, address);
    }

    /** TX ring: entry {@code index} sends {@code length} bytes at {@code address}, no options. */
    void setDescriptor(int index, long address, int length) {
        long at = (long) (index & mask) * Xdp.DESC_SIZE;
        entries.set(JAVA_LONG, at, address);
        entries.set(JAVA_INT, at + 8, length);
        entries.set(JAVA_INT, at + 12, 0);
    }

    /**
     * Publishes {@code n} entries written since the last submit. Store-release: the entries are
     * visible to the kernel before the index that covers them.
     */
    void submit(int n) {
        producer += n;
        U32.setRelease(mapping, producerOffset, producer);
    }

    /**
     * Entries submitted that the kernel has not taken yet (reads the consumer index, load-acquire).
     */
    int outstanding() {
        cachedConsumer = (int) U32.getAcquire(mapping, consumerOffset);
        return producer - cachedConsumer;
    }
}
