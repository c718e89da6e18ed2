package io.wirespeed.virt.paths;

import io.wirespeed.ethdev.Port;
import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.virt.vswitch.DropReason;
import io.wirespeed.virt.vswitch.VSwitch;
import io.wirespeed.virt.vswitch.VlanMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of the paths through the hypervisor's software switch: the PF's queue (in host
 * memory) and the guest's virtio-like port on the vswitch. On the normal path the host's core
 * sleeps on the PF queue's interrupt and each wake-up switches what arrived: learn, look up, copy
 * into the guest's queue (which interrupts the guest). Under OVS-DPDK it polls instead.
 */
final class SwitchedHost implements HostStage {
    /** Both ports untagged in one VLAN, as a bridge's ports are by default. */
    private static final int VLAN = 1;
    private final HostPort pf;
    private final VSwitch vswitch;
    private final int uplinkPort;
    private final int guestPort;

    private final boolean sleeps;

    /** {@code sleeps}: the host's core sleeps on the PF queue's interrupt (the normal path), else it polls (OVS-DPDK). */
    SwitchedHost(HostPort pf, Port toGuest, boolean sleeps) {
        this.pf = pf;
        this.sleeps = sleeps;
        this.vswitch = new VSwitch(pf.pool);
        this.uplinkPort = vswitch.addPort("pf", pf.port, 0, 0, VlanMode.access(VLAN));
        this.guestPort = vswitch.addPort("vm", toGuest, 0, 0, VlanMode.access(VLAN));
    }

    @Override
    public int pass(long now) {
        // The guest's side first: its announcement teaches the switch where its address lives.
        return vswitch.poll(guestPort, now) + vswitch.poll(uplinkPort, now);
    }

    @Override
    public List<InterruptSource> wakeups() {
        return sleeps ? List.of(pf.port.rxQueue(0)) : List.of();
    }

    /**
     * The switch's drops on the wire's frames (ingress reasons on the uplink, egress ones towards
     * the guest); a full transmit queue towards the guest is the guest's receive ring being full,
     * named as on the other paths.
     */
    @Override
    public Map<String, Long> drops() {
        Map<String, Long> out = new HashMap<>();
        for (DropReason r : DropReason.values()) {
            long n = r.isIngress() ? vswitch.stats(uplinkPort).drops(r) : vswitch.stats(guestPort).drops(r);
            if (n != 0) {
                out.merge(r == DropReason.TX_FULL ? "rx_ring_full" : r.label(), n, Long::sum);
            }
        }
        return out;
    }

    /** The wire's frames: dropped coming in on the uplink, or going out to the guest. */
    @Override
    public long dropped() {
        return vswitch.stats(uplinkPort).ingressDrops() + vswitch.stats(guestPort).egressDrops();
    }

    /** The guest's frames: dropped coming in from the guest, or going out to the uplink. */
    @Override
    public long returnDropped() {
        return vswitch.stats(guestPort).ingressDrops() + vswitch.stats(uplinkPort).egressDrops();
    }

    VSwitch vswitch() {
        return vswitch;
    }

    @Override
    public void close() {
        pf.close();
    }
}
