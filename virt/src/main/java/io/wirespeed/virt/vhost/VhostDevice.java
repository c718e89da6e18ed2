package io.wirespeed.virt.vhost;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.sys.EventFd;
import io.wirespeed.virt.vf.DescriptorRing;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.VfDevice;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paravirtual NIC that the host emulates in software (virtio-net with a vhost backend, in
 * spirit): to the guest's driver it is a function like a VF, with descriptor rings in the guest's
 * memory and an eventfd per queue; behind it there is no hardware, only the host's core, which
 * copies every frame between its own buffers and the guest's ({@link #hostBackend}).
 *
 * <p>Interrupt suppression is the guest's, as in virtio: the host signals after each burst it
 * wrote unless the guest masked the queue, and a guest that drains with the interrupt masked
 * (NAPI) takes one interrupt per wake-up, not one per frame.
 *
 * <p>Threads: the guest's thread programs, starts and stops; one host thread drives the host
 * side. {@link #stop} and the host's bursts meet through two volatile fields (a Dekker pair), so
 * stop returns only once the host no longer touches the guest's memory.
 */
public final class VhostDevice implements VfDevice {
    private final String name;
    private final long mac;
    private final int maxQueues;
    private final EventFd[] interrupts;
    private final MemoryZone[] programmedZone;
    private final long[] rxOffsets;
    private final int[] rxSizes;
    private final long[] txOffsets;
    private final int[] txSizes;
    /** The guest's rings while started, else null. Written by the guest's thread, read per host burst. */
    private volatile GuestRings rings;
    /** True while a host burst may touch the guest's memory. */
    private volatile boolean hostBusy;
    final AtomicLong copiesToGuest = new AtomicLong();
    final AtomicLong copiesFromGuest = new AtomicLong();
    final AtomicLong interruptsRaised = new AtomicLong();

    /** A device named {@code name} whose guest driver starts with address {@code mac}. */
    public VhostDevice(String name, long mac, int maxQueues) {
        if (maxQueues < 1 || maxQueues > 8) {
            throw new IllegalArgumentException("a vhost device has 1..8 queue pairs (got " + maxQueues + ")");
        }
        this.name = name;
        this.mac = mac;
        this.maxQueues = maxQueues;
        this.interrupts = new EventFd[maxQueues];
        for (int q = 0; q < maxQueues; q++) {
            interrupts[q] = EventFd.create();
        }
        this.programmedZone = new MemoryZone[maxQueues];
        this.rxOffsets = new long[maxQueues];
        this.rxSizes = new int[maxQueues];
        this.txOffsets = new long[maxQueues];
        this.txSizes = new int[maxQueues];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxQueues() {
        return maxQueues;
    }

    @Override
    public void programQueue(int queue, MemoryZone zone, long rxRingOffset, int rxSize, long txRingOffset, int txSize) {
        programmedZone[queue] = zone;
        rxOffsets[queue] = rxRingOffset;
        rxSizes[queue] = rxSize;
        txOffsets[queue] = txRingOffset;
        txSizes[queue] = txSize;
    }

    @Override
    public EventFd interrupt(int queue) {
        return interrupts[queue];
    }

    @Override
    public void start(int queues) {
        MemoryZone zone = programmedZone[0];
        DescriptorRing[] rx = new DescriptorRing[queues];
        DescriptorRing[] tx = new DescriptorRing[queues];
        for (int q = 0; q < queues; q++) {
            if (programmedZone[q] != zone) {
                throw new IllegalStateException(name + ": queue " + q + " was not programmed in the guest's zone");
            }
            rx[q] = new DescriptorRing(zone.segment().asSlice(rxOffsets[q]), rxSizes[q]);
            tx[q] = new DescriptorRing(zone.segment().asSlice(txOffsets[q]), txSizes[q]);
        }
        rings = new GuestRings(zone.segment(), rx, tx, interrupts);
    }

    @Override
    public void stop() {
        rings = null;
        while (hostBusy) {
            Thread.onSpinWait();
        }
    }

    /** Host side: the rings to use for one burst, or null while the guest is stopped. Pair with {@link #endBurst}. */
    GuestRings beginBurst() {
        hostBusy = true;
        GuestRings r = rings;
        if (r == null) {
            hostBusy = false;
        }
        return r;
    }

    void endBurst() {
        hostBusy = false;
    }

    /**
     * The virtio device's answers: it takes any address and filter the guest asks for (the host's
     * switch floods and learns, it filters nothing) and has no RSS to report.
     */
    @Override
    public MailboxReply request(MailboxRequest request) {
        return switch (request) {
            case MailboxRequest.Reset r -> MailboxReply.ack(mac);
            case MailboxRequest.GetQueues q -> MailboxReply.ack(maxQueues);
            case MailboxRequest.GetRssKey k -> MailboxReply.refused("virtio-net: no RSS");
            case MailboxRequest.GetReta t -> MailboxReply.refused("virtio-net: no RSS");
            default -> MailboxReply.ack();
        };
    }

    @Override
    public LinkStatus link() {
        return rings != null ? LinkStatus.up(10_000) : LinkStatus.DOWN;
    }

    /** Frames the host's core copied into the guest's memory. */
    public long copiesToGuest() {
        return copiesToGuest.getOpaque();
    }

    /** Frames the host's core copied out of the guest's memory (what the guest sent). */
    public long copiesFromGuest() {
        return copiesFromGuest.getOpaque();
    }

    /** Interrupts the host raised to the guest. */
    public long interrupts() {
        return interruptsRaised.getOpaque();
    }

    /** The host's side of the device: a port whose transmit writes into the guest and whose receive reads from it. */
    public VhostBackend hostBackend() {
        return new VhostBackend(this);
    }
}
