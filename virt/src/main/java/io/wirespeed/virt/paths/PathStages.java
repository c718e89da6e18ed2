package io.wirespeed.virt.paths;

import io.wirespeed.virt.scenario.GuestSpec;
import java.util.List;

/**
 * A path's packet flow as the report draws it: each hop from the wire to the guest's app, with
 * the frames it passed on, the interrupts its core took, the copies it made and its thread's CPU
 * time per packet, from one run's counts.
 */
final class PathStages {
    private PathStages() {}

    static List<Stage> of(VmPath path, GuestSpec.Mode guestMode, Snapshot run) {
        double nicNs = perPacket(run.nicCpuNanos(), run.offered());
        double hostNs = perPacket(run.hostCpuNanos(), run.delivered());
        double guestNs = perPacket(run.guestCpuNanos(), run.delivered());
        String guestName = "guest app (" + switch (guestMode) {
            case POLL -> "poll";
            case INTERRUPT -> "irq";
            case ADAPTIVE -> "adaptive";
        } + ")";
        Stage wireStage = new Stage("wire", "wire", run.offered(), 0, 0, 0);
        Stage guestStage = new Stage(guestName, "guest", run.delivered(), run.guestInterrupts(), 0, guestNs);
        return switch (path) {
            case NORMAL -> List.of(wireStage, new Stage("NIC (PF)", "nic", run.toRing(), 0, 0, nicNs),
                    new Stage("PF queue (host)", "queue", run.toRing(), 0, 0, 0),
                    new Stage("host core: vswitch", "host", run.hostCopies(), run.hostInterrupts(), run.hostCopies(), hostNs),
                    new Stage("virtio queue", "queue", run.hostCopies(), 0, 0, 0), guestStage);
            case VMDQ -> List.of(wireStage, new Stage("NIC (VMDq sort)", "nic", run.toRing(), 0, 0, nicNs),
                    new Stage("VMDq queue", "queue", run.toRing(), 0, 0, 0),
                    new Stage("host core: copy", "host", run.hostCopies(), 0, run.hostCopies(), hostNs),
                    new Stage("guest queue", "queue", run.hostCopies(), 0, 0, 0), guestStage);
            case SRIOV -> List.of(wireStage, new Stage("NIC (VF sort, DMA)", "nic", run.toRing(), 0, 0, nicNs),
                    new Stage("VF ring (guest)", "queue", run.toRing(), 0, 0, 0), guestStage);
            case PASSTHROUGH -> List.of(wireStage, new Stage("NIC port (DMA)", "nic", run.toRing(), 0, 0, nicNs),
                    new Stage("ring (guest)", "queue", run.toRing(), 0, 0, 0), guestStage);
            case OVS_DPDK -> List.of(wireStage, new Stage("NIC (PF)", "nic", run.toRing(), 0, 0, nicNs),
                    new Stage("PF queue (host)", "queue", run.toRing(), 0, 0, 0),
                    new Stage("host PMD: vswitch", "host", run.hostCopies(), run.hostInterrupts(), run.hostCopies(), hostNs),
                    new Stage("virtio queue", "queue", run.hostCopies(), 0, 0, 0), guestStage);
        };
    }

    /** A count (nanoseconds, interrupts, copies) per packet; 0 when no packet came. */
    static double perPacket(long count, long packets) {
        return packets == 0 ? 0 : (double) count / packets;
    }
}
