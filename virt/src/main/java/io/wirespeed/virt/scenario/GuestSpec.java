package io.wirespeed.virt.scenario;

import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.vf.MailboxRequest;
import java.util.List;

/**
 * One guest: the function it attaches to, how it receives, what it runs, the mailbox requests its
 * driver sends after the reset, and (for {@code txonly}) the frames it sends.
 *
 * @param vf the VF number, or {@link #PF} for the PF's own pool
 * @param frames flows to send; a source of 0 means the guest's own MAC
 */
public record GuestSpec(String name, int vf, Mode mode, App app, int queues, int descriptors,
                        List<MailboxRequest> requests, List<FlowSpec> frames) {
    public static final int PF = -1;
    public static final int DEFAULT_DESCRIPTORS = 512;

    /** How the guest learns that frames arrived. */
    public enum Mode {
        /** Busy-polls its queues, their interrupts masked (DPDK's PMD). */
        POLL,
        /** Sleeps on its queues' eventfd interrupts and drains on each (a kernel driver, NAPI-style). */
        INTERRUPT,
        /** Polls while traffic is high, sleeps on interrupts when it falls (DPDK l3fwd-power). */
        ADAPTIVE
    }

    /** What the guest does with its port (testpmd's forwarding modes of the same names). */
    public enum App {
        /** Receives and frees. */
        RXONLY,
        /** Sends its {@code frames}; frees whatever it receives. */
        TXONLY,
        /** Sends every frame back with its MAC addresses swapped. */
        MACSWAP,
        /** DPDK l2fwd: destination 02:00:00:00:00:PORT, source its own address, back out. */
        L2FWD,
        /** DPDK l3fwd: IPv4 LPM lookup, TTL and checksum update, back to the neighbour it came from. */
        L3FWD
    }

    public GuestSpec {
        requests = List.copyOf(requests);
        frames = List.copyOf(frames);
    }

    /** {@code vf3} or {@code pf}, as the scenario file spells it. */
    public String attachment() {
        return vf == PF ? "pf" : "vf" + vf;
    }
}
