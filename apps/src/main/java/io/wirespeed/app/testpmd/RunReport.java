package io.wirespeed.app.testpmd;

import io.wirespeed.app.common.Json;
import io.wirespeed.ethdev.PortStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one forwarding run (start to stop) did: the figures testpmd prints at stop and the JSON
 * object it prints with {@code --json}.
 */
public record RunReport(ForwardMode mode, double seconds, double receiveSeconds, List<PortReport> ports, List<LcoreReport> lcores,
                        Totals totals) {

    /**
     * A port's NIC counters and what the streams did with its packets: received from it and
     * generated for its streams, transmitted on it and dropped at its full transmit queue, consumed.
     */
    public record PortReport(int id, String name, PortStats nic, long fwdReceived, long fwdGenerated,
                             long fwdTransmitted, long fwdTxDropped, long fwdConsumed) {
    }

    /** A forwarding lcore's share. */
    public record LcoreReport(int lcore, String cpus, boolean pinned, int streams, long busyCpuNanos,
                              long idleCpuNanos, long polls, long packets, String idlePolicy, long sleeps,
                              long wakeups, long steadyAllocBytes, long steadyPackets) {
        /** Packets handled per interrupt wake-up, or 0 when the lcore never slept on one. */
        public double packetsPerWakeup() {
            return wakeups > 0 ? (double) packets / wakeups : 0;
        }
    }

    /** Stream totals; {@link #balanced()} is the conservation check. */
    public record Totals(long received, long generated, long transmitted, long txDropped, long consumed) {
        public boolean balanced() {
            return received + generated == transmitted + txDropped + consumed;
        }
    }

    /** Packets the forwarding lcores transmitted per second, in millions. */
    public double fwdMpps() {
        return seconds > 0 ? totals.transmitted() / seconds / 1e6 : 0;
    }

    /**
     * Packets the forwarding lcores received per second, in millions: over the run, or, when every
     * source was a capture file, over the span from its first to its last packet.
     */
    public double rxMpps() {
        return receiveSeconds > 0 ? totals.received() / receiveSeconds / 1e6 : 0;
    }

    public Map<String, Object> toJson() {
        List<Object> portList = new ArrayList<>();
        for (PortReport p : ports) {
            PortStats s = p.nic();
            portList.add(Json.object("id", p.id(), "name", p.name(), "ipackets", s.ipackets(), "opackets", s.opackets(),
                    "ibytes", s.ibytes(), "obytes", s.obytes(), "imissed", s.imissed(), "ierrors", s.ierrors(),
                    "oerrors", s.oerrors(), "rx_nombuf", s.rxNombuf(), "fwd_rx", p.fwdReceived(), "fwd_generated", p.fwdGenerated(),
                    "fwd_tx", p.fwdTransmitted(), "fwd_tx_dropped", p.fwdTxDropped(), "fwd_consumed", p.fwdConsumed()));
        }
        List<Object> lcoreList = new ArrayList<>();
        for (LcoreReport l : lcores) {
            lcoreList.add(Json.object("lcore", l.lcore(), "cpus", l.cpus(), "pinned", l.pinned(), "streams", l.streams(),
                    "busy_cpu_s", Json.round(l.busyCpuNanos() / 1e9, 3), "idle_cpu_s", Json.round(l.idleCpuNanos() / 1e9, 3),
                    "polls", l.polls(), "packets", l.packets(), "idle", l.idlePolicy(), "sleeps", l.sleeps(),
                    "wakeups", l.wakeups(), "packets_per_wakeup", Json.round(l.packetsPerWakeup(), 2),
                    "steady_alloc_bytes", l.steadyAllocBytes(), "steady_packets", l.steadyPackets()));
        }
        return Json.object(
                "command", "testpmd",
                "fwd_mode", mode.dpdkName(),
                "duration_s", Json.round(seconds, 3),
                "rx_span_s", Json.round(receiveSeconds, 6),
                "fwd_mpps", Json.round(fwdMpps(), 3),
                "rx_mpps", Json.round(rxMpps(), 3),
                "ports", portList,
                "lcores", lcoreList,
                "totals", Json.object("received", totals.received(), "generated", totals.generated(),
                        "transmitted", totals.transmitted(), "tx_dropped", totals.txDropped(),
                        "consumed", totals.consumed(), "balanced", totals.balanced()));
    }
}
