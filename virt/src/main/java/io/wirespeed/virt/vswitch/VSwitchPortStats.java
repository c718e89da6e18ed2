package io.wirespeed.virt.vswitch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one switch port. The switching thread is their only writer and uses opaque
 * stores (a plain store on x86 that the JIT may neither drop nor keep in a register across the
 * loop); other threads read them with opaque loads and see each counter move forward, never
 * torn. Opaque gives no order between two counters: a reader's snapshot during switching may be
 * a burst apart between them; after the switching thread stopped (and was joined) they agree.
 *
 * <p>What balances, per port: {@code rxPackets = unicast + flooded + ingress drops}; over the
 * whole switch, every copy sent towards a port is transmitted or dropped there:
 * {@code Σ outputs = Σ (txPackets + no_mbuf + tx_full)}.
 */
public final class VSwitchPortStats {
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);

    static final int RX_PACKETS = 0;
    static final int RX_BYTES = 1;
    static final int TX_PACKETS = 2;
    static final int TX_BYTES = 3;
    static final int UNICAST = 4;
    static final int FLOODED = 5;
    static final int OUTPUTS = 6;
    private static final int DROPS = 7;

    private final long[] counters = new long[DROPS + DropReason.all().length];

    /** Switching thread only. */
    void add(int counter, long n) {
        COUNTERS.setOpaque(counters, counter, (long) COUNTERS.getOpaque(counters, counter) + n);
    }

    /** Switching thread only. */
    void drop(DropReason reason, long n) {
        add(DROPS + reason.ordinal(), n);
    }

    private long get(int counter) {
        return (long) COUNTERS.getOpaque(counters, counter);
    }

    /** Frames received on the port, malformed ones included. */
    public long rxPackets() {
        return get(RX_PACKETS);
    }

    public long rxBytes() {
        return get(RX_BYTES);
    }

    /** Frames the port's transmit queue took. */
    public long txPackets() {
        return get(TX_PACKETS);
    }

    public long txBytes() {
        return get(TX_BYTES);
    }

    /** Frames from this port sent to the one port their destination was learned on. */
    public long unicast() {
        return get(UNICAST);
    }

    /** Frames from this port flooded (broadcast, multicast, unknown unicast) to the VLAN's other ports. */
    public long flooded() {
        return get(FLOODED);
    }

    /** Copies of this port's frames sent towards other ports: one per unicast frame, one per port flooded to. */
    public long outputs() {
        return get(OUTPUTS);
    }

    public long drops(DropReason reason) {
        return get(DROPS + reason.ordinal());
    }

    /** Frames from this port dropped before a destination was chosen. */
    public long ingressDrops() {
        long n = 0;
        for (DropReason r : DropReason.all()) {
            n += r.isIngress() ? drops(r) : 0;
        }
        return n;
    }

    /** Copies towards this port that did not go out (no mbuf for them, or a full transmit queue). */
    public long egressDrops() {
        long n = 0;
        for (DropReason r : DropReason.all()) {
            n += r.isIngress() ? 0 : drops(r);
        }
        return n;
    }

    /** Every frame received was forwarded or dropped for a reason. */
    public boolean rxBalanced() {
        return rxPackets() == unicast() + flooded() + ingressDrops();
    }
}
