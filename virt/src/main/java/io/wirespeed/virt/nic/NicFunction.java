package io.wirespeed.virt.nic;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.sys.EventFd;
import io.wirespeed.virt.vf.DescriptorRing;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.VfDevice;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeMap;

/**
 * One function of the emulated NIC (a VF, or the PF's own queues) as its driver sees it: the
 * queue registers, the interrupt lines and the mailbox. Its configuration changes under the NIC's
 * lock; the service thread sees it only through the forwarding table the NIC publishes.
 */
public final class NicFunction implements VfDevice {
    private final EmulatedNic nic;
    private final int index;
    private final String name;
    private final boolean physical;
    private final FunctionStats stats = new FunctionStats();
    private final EventFd[] interrupts;
    private final Program[] programs;
    // Guarded by the NIC's lock.
    private VfSettings settings;
    private GuestFilters filters = GuestFilters.INITIAL;
    private boolean resetDone;
    private boolean started;
    private boolean removed;
    private RxDma[] rx = new RxDma[0];
    private TxDma[] tx = new TxDma[0];
    private final Map<String, Long> refused = new TreeMap<>();

    private record Program(MemoryZone zone, long rxOffset, int rxSize, long txOffset, int txSize) {
    }

    NicFunction(EmulatedNic nic, int index, String name, boolean physical, int queues, VfSettings settings) {
        this.nic = nic;
        this.index = index;
        this.name = name;
        this.physical = physical;
        this.settings = settings;
        this.interrupts = new EventFd[queues];
        this.programs = new Program[queues];
    }

    /** The VF number (the PF's pool is numbered after the last possible VF). */
    public int index() {
        return index;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether a driver has started the function's queues (a guest is attached and running). */
    public boolean isStarted() {
        synchronized (nic.lock()) {
            return started;
        }
    }

    public boolean isPhysical() {
        return physical;
    }

    public FunctionStats stats() {
        return stats;
    }

    @Override
    public int maxQueues() {
        return programs.length;
    }

    @Override
    public void programQueue(int queue, MemoryZone zone, long rxRingOffset, int rxSize, long txRingOffset, int txSize) {
        checkQueue(queue);
        synchronized (nic.lock()) {
            programs[queue] = new Program(zone, rxRingOffset, rxSize, txRingOffset, txSize);
        }
    }

    @Override
    public EventFd interrupt(int queue) {
        checkQueue(queue);
        synchronized (nic.lock()) {
            if (interrupts[queue] == null) {
                interrupts[queue] = EventFd.create();
            }
            return interrupts[queue];
        }
    }

    /**
     * Makes {@code line} queue {@code queue}'s interrupt: a guest in another process created the
     * eventfd and handed it over. The one it replaces is closed. Only while the queue is stopped.
     */
    public void adoptInterrupt(int queue, EventFd line) {
        checkQueue(queue);
        synchronized (nic.lock()) {
            if (started) {
                throw new IllegalStateException(name + ": stop the function before replacing an interrupt line");
            }
            if (interrupts[queue] != null) {
                interrupts[queue].close();
            }
            interrupts[queue] = line;
        }
    }

    private void checkQueue(int queue) {
        if (queue < 0 || queue >= programs.length) {
            throw new IllegalArgumentException(name + " has queues 0.." + (programs.length - 1) + " (got " + queue + ")");
        }
    }

    @Override
    public void start(int queues) {
        if (queues < 1 || queues > programs.length) {
            throw new IllegalArgumentException(name + " has " + programs.length + " queue pairs (asked to start " + queues + ")");
        }
        synchronized (nic.lock()) {
            if (removed) {
                throw new IllegalStateException(name + " was removed (numvfs changed)");
            }
            RxDma[] r = new RxDma[queues];
            TxDma[] t = new TxDma[queues];
            for (int q = 0; q < queues; q++) {
                Program p = programs[q];
                if (p == null) {
                    throw new IllegalStateException(name + ": queue " + q + " was not programmed");
                }
                MemorySegment guest = p.zone.segment();
                r[q] = new RxDma(this, new DescriptorRing(guest.asSlice(p.rxOffset), p.rxSize), guest, interrupt(q));
                t[q] = new TxDma(new DescriptorRing(guest.asSlice(p.txOffset), p.txSize), guest, nic.arena());
            }
            rx = r;
            tx = t;
            started = true;
            nic.republish();
        }
    }

    @Override
    public void stop() {
        boolean wasStarted;
        synchronized (nic.lock()) {
            wasStarted = started;
            started = false;
            if (wasStarted) {
                nic.republish();
            }
        }
        if (wasStarted) {
            nic.awaitQuiescence(); // the service thread may still hold the old table: let it finish its pass
        }
        countUnsent(); // also what a driver queued after its VF was removed
    }

    /**
     * Once stopped and out of every pass: completes the frames its driver queued that the NIC
     * never sent, counting them as rate_limit when a max_tx_rate held them back, else link_down.
     */
    void countUnsent() {
        synchronized (nic.lock()) {
            if (started) {
                return; // restarted meanwhile: its new rings start where the discarded ones ended
            }
            DropReason reason = settings.maxTxRateMbps() > 0 ? DropReason.RATE_LIMIT : DropReason.LINK_DOWN;
            for (TxDma t : tx) {
                int n = t.discardQueued();
                if (n > 0) {
                    stats.droppedByAdmin(reason, n);
                }
            }
        }
    }

    @Override
    public MailboxReply request(MailboxRequest request) {
        return nic.mailbox(this, request);
    }

    @Override
    public LinkStatus link() {
        synchronized (nic.lock()) {
            return linkUp() ? LinkStatus.up(nic.config().speedMbps()) : LinkStatus.DOWN;
        }
    }

    // ---- state, under the NIC's lock ----------------------------------------------------------

    boolean linkUp() {
        return !removed && settings.linkState() != LinkState.DISABLE && (settings.linkState() == LinkState.ENABLE
                || nic.uplinkUp());
    }

    /** Receiving and transmitting: started by its driver, link up. */
    boolean active() {
        return started && linkUp();
    }

    VfSettings settings() {
        return settings;
    }

    void settings(VfSettings s) {
        this.settings = s;
    }

    GuestFilters filters() {
        return filters;
    }

    void filters(GuestFilters f) {
        this.filters = f;
    }

    boolean resetDone() {
        return resetDone;
    }

    void resetDone(boolean done) {
        this.resetDone = done;
    }

    boolean started() {
        return started;
    }

    void remove() {
        removed = true;
        started = false;
    }

    boolean removed() {
        return removed;
    }

    RxDma[] rx() {
        return rx;
    }

    TxDma[] tx() {
        return tx;
    }

    /** The address frames must come from and go to: the PF's choice, else the driver's. */
    long effectiveMac() {
        return settings.mac() != 0 ? settings.mac() : filters.mac();
    }

    void countRefusal(String request) {
        refused.merge(request, 1L, Long::sum);
    }

    /** Mailbox requests the PF refused, by request name. */
    public Map<String, Long> refused() {
        synchronized (nic.lock()) {
            return Map.copyOf(refused);
        }
    }

    void closeInterrupts() {
        for (EventFd e : interrupts) {
            if (e != null) {
                e.close();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
