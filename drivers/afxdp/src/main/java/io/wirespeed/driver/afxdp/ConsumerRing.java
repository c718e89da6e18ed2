package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * A ring the kernel produces into and user space consumes from: the RX ring (xdp_desc of each
 * received frame) and the completion ring (u64 addresses of frames sent). Owned by one thread.
 */
final class ConsumerRing extends XskRing {
    private int consumer;
    /** The kernel's producer index as last read. */
    private int cachedProducer;

    ConsumerRing(MemorySegment mapping, long producerOffset, long consumerOffset, long flagsOffset, long descOffset,
                 int size, int entrySize) {
        super(mapping, producerOffset, consumerOffset, flagsOffset, descOffset, size, entrySize);
        this.consumer = (int) U32.getAcquire(mapping, consumerOffset);
        this.cachedProducer = (int) U32.getAcquire(mapping, producerOffset);
    }

    /**
     * Entries ready, at most {@code wanted}. The kernel's producer index is read only when the
     * cached one shows too few; load-acquire, so that the entries it covers are read after the
     * kernel wrote them.
     */
    int peek(int wanted) {
        int ready = cachedProducer - consumer;
        if (ready < wanted) {
            cachedProducer = (int) U32.getAcquire(mapping, producerOffset);
            ready = cachedProducer - consumer;
        }
        return Math.min(ready, wanted);
    }

    /** The index of the first entry {@link #peek} reported: read entries at consumerIndex() + i. */
    int consumerIndex() {
        return consumer;
    }

    /** Completion ring entry, or the address field of an RX descriptor. */
    long address(int index) {
        return entries.get(JAVA_LONG, (long) (index & mask) * Xdp.ADDR_SIZE);
    }

    /** RX descriptor {@code index}: its address. */
    long descriptorAddress(int index) {
        return entries.get(JAVA_LONG, (long) (index & mask) * Xdp.DESC_SIZE);
    }

    /** RX descriptor {@code index}: its length. */
    int descriptorLength(int index) {
        return entries.get(JAVA_INT, (long) (index & mask) * Xdp.DESC_SIZE + 8);
    }

    /**
     * Gives {@code n} entries back to the kernel. Store-release: our reads of them are done before
     * the kernel may reuse the slots.
     */
    void release(int n) {
        consumer += n;
        U32.setRelease(mapping, consumerOffset, consumer);
    }
}
