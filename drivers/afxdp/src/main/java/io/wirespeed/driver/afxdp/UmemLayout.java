package io.wirespeed.driver.afxdp;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;

/**
 * Where a mempool's mbufs sit in the UMEM, which is the pool's whole memory zone registered with
 * the kernel in unaligned-chunk mode: the UMEM address of mbuf {@code i}'s buffer is
 * {@code first + i * stride}, and that buffer start is the chunk the kernel receives into (at
 * {@link Xdp#XDP_PACKET_HEADROOM} bytes in) or sends from.
 *
 * <p>Going back from an address the kernel returns to the mbuf is an exact division by the
 * stride (2176 bytes by default, not a power of two). The data path does it without a divide
 * instruction: the stride is {@code 2^shift * odd}, and dividing an exact multiple by an odd
 * number is multiplying by its inverse modulo 2^64; one multiply-and-compare then tells whether
 * the address really was a buffer start.
 */
final class UmemLayout {
    /** The chunk size registered: a received frame gets at most CHUNK_SIZE - XDP_PACKET_HEADROOM bytes. */
    static final int CHUNK_SIZE = 2048;
    static final int MAX_FRAME = CHUNK_SIZE - Xdp.XDP_PACKET_HEADROOM;
    private static final int BUFFER_ALIGN = 64;

    private final Mempool pool;
    private final MemoryZone zone;
    private final long first;
    private final long stride;
    private final int count;
    private final int shift;
    private final long oddInverse;

    private UmemLayout(Mempool pool, long first, long stride) {
        this.pool = pool;
        this.zone = pool.zone();
        this.first = first;
        this.stride = stride;
        this.count = pool.size();
        this.shift = Long.numberOfTrailingZeros(stride);
        this.oddInverse = inverseModulo64(stride >>> shift);
    }

    /**
     * The layout of {@code pool}, checked mbuf by mbuf. Fails (one line naming the pool) when its
     * buffers are too small for a chunk or not evenly spaced in its zone.
     */
    static UmemLayout of(String device, Mempool pool) {
        int bufferLength = pool.headroom() + pool.dataRoom();
        if (bufferLength < CHUNK_SIZE) {
            throw new IllegalArgumentException(device + ": mempool " + pool.name() + " has " + bufferLength
                    + "-byte buffers; AF_XDP receives into " + CHUNK_SIZE + "-byte chunks (headroom + data room >= "
                    + CHUNK_SIZE + ", e.g. --mbuf-size " + (CHUNK_SIZE - pool.headroom()) + ")");
        }
        long stride = (bufferLength + BUFFER_ALIGN - 1) & -BUFFER_ALIGN;
        long zoneBase = pool.zone().segment().address();
        long zoneSize = pool.zone().size();
        long first = -1;
        for (int i = 0; i < pool.size(); i++) {
            Mbuf m = pool.get(i);
            if (m.isIndirect()) {
                continue;    // attached to another mbuf's buffer for now: says nothing about its own
            }
            long at = m.buffer().address() - zoneBase;
            if (first < 0) {
                first = at - i * stride;
            }
            if (at != first + i * stride || at < 0 || at + CHUNK_SIZE > zoneSize) {
                throw new IllegalStateException(device + ": mempool " + pool.name() + ": mbuf " + i + " is at offset " + at
                        + " of its zone, not at " + (first + i * stride) + " as a " + stride + "-byte stride says");
            }
        }
        if (first < 0) {
            throw new IllegalStateException(device + ": mempool " + pool.name() + " has no direct mbuf to locate");
        }
        return new UmemLayout(pool, first, stride);
    }

    /** x with x * odd == 1 (mod 2^64), by Newton's iteration (each step doubles the correct low bits). */
    static long inverseModulo64(long odd) {
        if ((odd & 1) == 0) {
            throw new IllegalArgumentException(odd + " is even");
        }
        long x = odd;              // correct to 3 bits: odd * odd == 1 (mod 8)
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** The UMEM address of mbuf {@code index}'s buffer start: the chunk handed to the kernel. */
    long chunk(int index) {
        return first + index * stride;
    }

    /**
     * The mbuf index whose buffer starts at UMEM address {@code chunk}, or -1 when no buffer
     * starts there (a descriptor that is not ours).
     */
    int indexOf(long chunk) {
        long delta = chunk - first;
        long q = (delta >> shift) * oddInverse;
        if (Long.compareUnsigned(q, count) >= 0 || q * stride != delta) {
            return -1;
        }
        return (int) q;
    }

    Mempool pool() {
        return pool;
    }

    MemoryZone zone() {
        return zone;
    }

    /** Bytes from the buffer start that a frame may occupy in a chunk we send from. */
    int bufferLength() {
        return pool.headroom() + pool.dataRoom();
    }
}
