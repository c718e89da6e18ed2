package io.wirespeed.virt.scenario;

import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.FunctionStats;
import io.wirespeed.virt.nic.NicFunction;
import java.util.List;

/**
 * The run's conservation account at one moment. Every frame offered (from the wire, or sent by a
 * guest) has one outcome per copy: delivered into a function's receive ring, sent to the wire,
 * or dropped with a reason; a replicated frame has one more outcome per extra copy.
 *
 * @param offered frames from the wire plus frames the guests handed to their ports
 * @param replicas copies made beyond the first (broadcast and multicast replication)
 * @param delivered frames written into the functions' receive rings
 * @param toWire frames that left through the uplink
 * @param dropped frames dropped, every reason, every function and the NIC itself
 * @param guestRx frames the guests' apps received from their ports
 */
public record Ledger(long offered, long replicas, long delivered, long toWire, long dropped, long guestRx) {
    static Ledger read(EmulatedNic nic, List<Guest> guests) {
        long guestTx = 0;
        long guestRx = 0;
        for (Guest g : guests) {
            guestTx += g.txPackets();
            guestRx += g.rxPackets();
        }
        long delivered = 0;
        long dropped = nic.nicStats().totalDrops();
        for (NicFunction f : nic.functionsEver()) {
            FunctionStats s = f.stats();
            delivered += s.rxPackets();
            dropped += s.totalDrops();
        }
        return new Ledger(nic.uplinkStats().rxPackets() + guestTx, nic.nicStats().replicas(), delivered,
                nic.uplinkStats().txPackets(), dropped, guestRx);
    }

    /** Outcomes still owed: frames offered that are neither delivered, sent nor counted as dropped (yet). */
    public long inFlight() {
        return offered + replicas - delivered - toWire - dropped;
    }

    /** Every offered frame has its outcomes, and the guests have read everything delivered to them. */
    public boolean settled() {
        return inFlight() == 0 && guestRx == delivered;
    }
}
