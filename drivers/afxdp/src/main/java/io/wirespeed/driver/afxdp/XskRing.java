package io.wirespeed.driver.afxdp;

import io.wirespeed.sys.Mman;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One of an AF_XDP socket's four single-producer/single-consumer rings, mapped from the kernel:
 * a u32 producer index, a u32 consumer index and a u32 flags word (each where XDP_MMAP_OFFSETS
 * says, the two indices on separate cache lines) and a power-of-two array of entries. Indices
 * run freely over 2^32 and are masked to address an entry, so {@code producer - consumer} (in
 * int arithmetic) is the fill level, wrap-around included.
 *
 * <p>The protocol is the kernel's (Documentation/networking/af_xdp.rst, libxdp's xsk.h): the side
 * that owns an index writes it with a store-release after its entry accesses, and the other side
 * reads it with a load-acquire before touching the entries it covers. Each side also keeps a
 * cached copy of the other side's index and reads the shared one only when the cache says the
 * ring is full (producer) or empty (consumer).
 */
abstract sealed class XskRing permits ProducerRing, ConsumerRing {
    /** u32 access with explicit memory-order modes: coordinates (MemorySegment, long offset). */
    static final VarHandle U32 = ValueLayout.JAVA_INT.varHandle();

    final MemorySegment mapping;
    /** The entries only (XDP_MMAP_OFFSETS' desc offset onwards). */
    final MemorySegment entries;
    final long producerOffset;
    final long consumerOffset;
    final long flagsOffset;
    final int size;
    final int mask;

    XskRing(MemorySegment mapping, long producerOffset, long consumerOffset, long flagsOffset, long descOffset,
            int size, int entrySize) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("ring size " + size + " is not a power of two");
        }
        this.mapping = mapping;
        this.entries = mapping.asSlice(descOffset, (long) size * entrySize);
        this.producerOffset = producerOffset;
        this.consumerOffset = consumerOffset;
        this.flagsOffset = flagsOffset;
        this.size = size;
        this.mask = size - 1;
    }

    /** Bytes to map for a ring of {@code size} entries whose entries start at {@code descOffset}. */
    static long mappingLength(long descOffset, int size, int entrySize) {
        return descOffset + (long) size * entrySize;
    }

    /**
     * True when the kernel asked to be woken by a system call (XDP_RING_NEED_WAKEUP). A full
     * fence first: our index store must be visible before we read the flag, or the kernel could
     * set the flag after checking our (still old) index and both sides would wait (the store-load
     * pair of Dekker's protocol, which release/acquire alone does not order).
     */
    final boolean needsWakeup() {
        VarHandle.fullFence();
        return ((int) U32.getOpaque(mapping, flagsOffset) & Xdp.XDP_RING_NEED_WAKEUP) != 0;
    }

    /**
     * The same flag without the fence, for a side that checks it again on every poll: a flag set
     * just after this read is seen by the next burst, so no wakeup is lost, only delayed by one poll.
     */
    final boolean needsWakeupPolled() {
        return ((int) U32.getOpaque(mapping, flagsOffset) & Xdp.XDP_RING_NEED_WAKEUP) != 0;
    }

    final int size() {
        return size;
    }

    /** Unmaps the ring; the socket must be closed (or be closing) and nobody may use the ring any more. */
    final void unmap() {
        Mman.munmap(mapping);
    }
}
