package io.wirespeed.virt.nic;

import io.wirespeed.sys.EventFd;
import io.wirespeed.virt.vf.DescriptorRing;
import java.lang.foreign.MemorySegment;

/**
 * The device's side of one receive ring in guest memory: takes the next posted buffer, copies a
 * frame into it (the NIC's DMA write), writes the descriptor back. NIC thread only; the ring's
 * fields carry the ordering (tail acquire, status release).
 */
final class RxDma {
    final DescriptorRing ring;
    final EventFd interrupt;
    final FunctionStats stats;
    final NicFunction function;
    private final MemorySegment guestMemory;
    private final int mask;
    private int head;
    private int cachedTail;
    /** Frames were written since the last interrupt (or since the driver last saw the mask set). */
    boolean interruptPending;
    long lastInterruptNanos = Long.MIN_VALUE / 2;

    RxDma(NicFunction function, DescriptorRing ring, MemorySegment guestMemory, EventFd interrupt) {
        this.function = function;
        this.ring = ring;
        this.guestMemory = guestMemory;
        this.interrupt = interrupt;
        this.stats = function.stats();
        this.mask = ring.mask();
        this.head = ring.headOpaque();
        this.cachedTail = ring.tailAcquire();
    }

    /**
     * Writes {@code frame} into the next posted buffer (without its outer tag when {@code stripOuter});
     * returns null when it was delivered, else why not.
     */
    DropReason deliver(Frame frame, boolean stripOuter) {
        if (head == cachedTail) {
            cachedTail = ring.tailAcquire();
            if (head == cachedTail) {
                return DropReason.RX_RING_FULL;
            }
        }
        int length = frame.copyLength(stripOuter);
        long address = ring.address(head);
        if (length > ring.length(head)) {
            return DropReason.OVERSIZE;
        }
        if (address < 0 || address + length > guestMemory.byteSize()) {
            return DropReason.DMA_FAULT;
        }
        frame.copyTo(guestMemory, address, stripOuter);
        ring.writeBack(head, length, 0, DescriptorRing.DD | DescriptorRing.EOP);
        head = (head + 1) & mask;
        ring.headOpaque(head);
        stats.received(length);
        return null;
    }
}
