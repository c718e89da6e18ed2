package io.wirespeed.virt.nic;

import io.wirespeed.virt.vf.DescriptorRing;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The device's side of one transmit ring in guest memory: reads the frame the driver queued at
 * the head (in place when it is one descriptor, gathered into a NIC buffer when it is a chain),
 * then sets the done bit on its descriptors. NIC thread only.
 */
final class TxDma {
    /** The longest frame a chain may gather to. */
    static final int MAX_FRAME = 16 * 1024;
    /** Result of {@link #peek}: the frame's descriptors point outside guest memory. */
    static final int FAULT = -1;
    /** Result of {@link #peek}: the chain is longer than {@link #MAX_FRAME} or never ends. */
    static final int TOO_LONG = -2;

    final DescriptorRing ring;
    private final MemorySegment guestMemory;
    private final MemorySegment gather;
    private final int mask;
    private int head;
    private int cachedTail;
    private int lastTci;
    /** Descriptors of a refused frame to complete: its chain as far as it is queued. */
    int badSpan;
    private boolean lastInsertVlan;

    TxDma(DescriptorRing ring, MemorySegment guestMemory, Arena arena) {
        this.ring = ring;
        this.guestMemory = guestMemory;
        this.gather = arena.allocate(MAX_FRAME, 64);
        this.mask = ring.mask();
        this.head = ring.headOpaque();
        this.cachedTail = ring.tailAcquire();
    }

    /** Descriptors queued and not yet read; reloads the tail only when the cached one is used up. */
    int queued() {
        if (head == cachedTail) {
            cachedTail = ring.tailAcquire();
        }
        return (cachedTail - head) & mask;
    }

    /**
     * Points {@code frame} at the frame at the head; returns how many descriptors it spans (0 when
     * none is queued), or {@link #FAULT} / {@link #TOO_LONG} with the count in {@link #badSpan}.
     */
    int peek(Frame frame) {
        int queued = queued();
        if (queued == 0) {
            return 0;
        }
        int status = ring.statusAcquire(head);
        long address = ring.address(head);
        int length = ring.length(head);
        lastTci = ring.tci(head);
        lastInsertVlan = (status & DescriptorRing.VLAN) != 0;
        if ((status & DescriptorRing.EOP) != 0) {
            badSpan = 1;
            if (!inGuest(address, length)) {
                return FAULT;
            }
            frame.reset(guestMemory, address, length);
            return 1;
        }
        int slots = 0;
        int total = 0;
        int slot = head;
        while (true) {
            if (slots == queued) {
                return 0; // the driver has not queued the chain's end yet
            }
            status = ring.statusAcquire(slot);
            address = ring.address(slot);
            length = ring.length(slot);
            slots++;
            if (!inGuest(address, length)) {
                badSpan = chainLength(slot, slots, queued);
                return FAULT;
            }
            if (total + length > MAX_FRAME) {
                badSpan = chainLength(slot, slots, queued);
                return TOO_LONG;
            }
            MemorySegment.copy(guestMemory, address, gather, total, length);
            total += length;
            if ((status & DescriptorRing.EOP) != 0) {
                frame.reset(gather, 0, total);
                return slots;
            }
            slot = (slot + 1) & mask;
        }
    }


    private int chainLength(int slot, int seen, int queued) {
        int n = seen;
        int s = slot;
        while ((ring.statusAcquire(s) & DescriptorRing.EOP) == 0 && n < queued) {
            s = (s + 1) & mask;
            n++;
        }
        return n;
    }

    private boolean inGuest(long address, int length) {
        return address >= 0 && address + length <= guestMemory.byteSize();
    }

    /** The VLAN the driver asked the NIC to insert on the last peeked frame, or -1. */
    int insertTci() {
        return lastInsertVlan ? lastTci : -1;
    }

    /**
     * Completes every frame still queued, unsent, and returns how many frames that was (a chain
     * counts once; a chain without its end yet counts as one). Only once no pass reads the ring.
     */
    int discardQueued() {
        int queued = (ring.tailAcquire() - head) & mask;
        int frames = 0;
        boolean open = false;
        for (int i = 0; i < queued; i++) {
            open = (ring.statusAcquire((head + i) & mask) & DescriptorRing.EOP) == 0;
            if (!open) {
                frames++;
            }
        }
        complete(queued);
        return open ? frames + 1 : frames;
    }

    /** Hands {@code descriptors} back to the driver, done. */
    void complete(int descriptors) {
        for (int i = 0; i < descriptors; i++) {
            ring.complete(head);
            head = (head + 1) & mask;
        }
        ring.headOpaque(head);
    }
}
