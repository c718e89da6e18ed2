package io.wirespeed.virt.paths;

import io.wirespeed.lcore.InterruptSource;
import java.util.List;
import java.util.Map;

/** The hypervisor's software on a path: what its core does between the NIC and the guest. */
interface HostStage extends AutoCloseable {
    /** One pass; returns the frames it moved. */
    int pass(long now);

    /** The queues whose interrupts wake the host's core (empty when it polls). */
    List<InterruptSource> wakeups();

    /** Frames it dropped, by reason (read by any thread). */
    Map<String, Long> drops();

    /** Frames from the wire it dropped, every reason (read by any thread, allocating nothing). */
    long dropped();

    /** Frames from the guest it dropped on their way to the wire (read by any thread). */
    long returnDropped();

    @Override
    void close();
}
