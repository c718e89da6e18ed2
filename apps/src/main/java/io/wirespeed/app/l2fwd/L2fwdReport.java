package io.wirespeed.app.l2fwd;

import io.wirespeed.app.common.Json;
import io.wirespeed.ethdev.PortStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an l2fwd run did: l2fwd's own per-port counts (rx, tx, dropped) next to the port's NIC
 * counters over the same time, and what each forwarding lcore spent. {@link #toJson} is the
 * object printed with {@code --json}.
 */
public record L2fwdReport(double seconds, boolean macUpdating, List<PortReport> ports, List<LcoreReport> lcores) {

    /** One enabled port: l2fwd's counts and the port's statistics since forwarding started. */
    public record PortReport(int id, String name, int destination, long rx, long tx, long dropped, PortStats nic) {
    }

    /** A forwarding lcore's share: its ports, CPU time, polls, and heap allocated after the warm-up. */
    public record LcoreReport(int lcore, String cpus, boolean pinned, List<Integer> rxPorts, long busyCpuNanos,
                              long idleCpuNanos, long polls, long steadyAllocBytes, long steadyPackets) {
    }

    /** Totals over the enabled ports; {@link #balanced()} is the conservation check. */
    public record Totals(long rx, long tx, long dropped) {
        /** Every packet received was sent or counted as dropped. */
        public boolean balanced() {
            return rx == tx + dropped;
        }
    }

    public Totals totals() {
        long rx = 0;
        long tx = 0;
        long dropped = 0;
        for (PortReport p : ports) {
            rx += p.rx();
            tx += p.tx();
            dropped += p.dropped();
        }
        return new Totals(rx, tx, dropped);
    }

    /** Packets sent per second over the run, in millions. */
    public double fwdMpps() {
        return seconds > 0 ? totals().tx() / seconds / 1e6 : 0;
    }

    public PortReport port(int id) {
        for (PortReport p : ports) {
            if (p.id() == id) {
                return p;
            }
        }
        throw new IllegalArgumentException("port " + id + " is not enabled");
    }

    public Map<String, Object> toJson() {
        List<Object> portList = new ArrayList<>();
        for (PortReport p : ports) {
            PortStats s = p.nic();
            portList.add(Json.object("id", p.id(), "name", p.name(), "dst_port", p.destination(), "rx", p.rx(), "tx", p.tx(),
                    "dropped", p.dropped(), "ipackets", s.ipackets(), "opackets", s.opackets(), "imissed", s.imissed(),
                    "ierrors", s.ierrors(), "oerrors", s.oerrors(), "rx_nombuf", s.rxNombuf()));
        }
        List<Object> lcoreList = new ArrayList<>();
        for (LcoreReport l : lcores) {
            lcoreList.add(Json.object("lcore", l.lcore(), "cpus", l.cpus(), "pinned", l.pinned(), "rx_ports", l.rxPorts(),
                    "busy_cpu_s", Json.round(l.busyCpuNanos() / 1e9, 3), "idle_cpu_s", Json.round(l.idleCpuNanos() / 1e9, 3),
                    "polls", l.polls(), "steady_alloc_bytes", l.steadyAllocBytes(), "steady_packets", l.steadyPackets()));
        }
        Totals t = totals();
        return Json.object(
                "command", "l2fwd",
                "duration_s", Json.round(seconds, 3),
                "mac_updating", macUpdating,
                "ports", portList,
                "totals", Json.object("rx", t.rx(), "tx", t.tx(), "dropped", t.dropped(), "balanced", t.balanced()),
                "fwd_mpps", Json.round(fwdMpps(), 3),
                "lcores", lcoreList);
    }
}
