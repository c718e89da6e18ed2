package io.wirespeed.app.l3fwd;

import io.wirespeed.app.common.Json;
import io.wirespeed.ethdev.PortStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an l3fwd run did: per enabled port, l3fwd's own rx/tx counts next to the port's NIC
 * counters; drops per reason; what each forwarding lcore spent. {@link #toJson} is the object
 * printed with {@code --json}.
 */
public record L3fwdReport(double seconds, LookupMode lookup, List<PortReport> ports, Map<DropReason, Long> drops,
                          List<LcoreReport> lcores) {

    public L3fwdReport {
        ports = List.copyOf(ports);
        drops = new EnumMap<>(drops);
        lcores = List.copyOf(lcores);
    }

    /** One enabled port: packets l3fwd received from it and sent on it, and the port's statistics. */
    public record PortReport(int id, String name, long rx, long tx, PortStats nic) {
    }

    /** A forwarding lcore's share: its queues, CPU time, polls, and heap allocated after the warm-up. */
    public record LcoreReport(int lcore, List<RxQueueConfig> rxQueues, long busyCpuNanos, long idleCpuNanos, long polls,
                              long steadyAllocBytes, long steadyPackets) {
    }

    public long received() {
        long n = 0;
        for (PortReport p : ports) {
            n += p.rx();
        }
        return n;
    }

    public long sent() {
        long n = 0;
        for (PortReport p : ports) {
            n += p.tx();
        }
        return n;
    }

    public long dropped() {
        long n = 0;
        for (long d : drops.values()) {
            n += d;
        }
        return n;
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** Every packet received was sent or counted under a drop reason. */
    public boolean balanced() {
        return received() == sent() + dropped();
    }

    /** Packets sent per second over the run, in millions. */
    public double fwdMpps() {
        return seconds > 0 ? sent() / seconds / 1e6 : 0;
    }

    /** Forwarding CPU time per packet sent, in nanoseconds (0 before any was sent). */
    public double cpuNanosPerPacket() {
        long cpu = 0;
        for (LcoreReport l : lcores) {
            cpu += l.busyCpuNanos() + l.idleCpuNanos();
        }
        long sent = sent();
        return sent > 0 ? (double) cpu / sent : 0;
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
            portList.add(Json.object("id", p.id(), "name", p.name(), "rx", p.rx(), "tx", p.tx(), "ipackets", s.ipackets(),
                    "opackets", s.opackets(), "imissed", s.imissed(), "ierrors", s.ierrors(), "oerrors", s.oerrors(),
                    "rx_nombuf", s.rxNombuf()));
        }
        Map<String, Object> dropMap = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            dropMap.put(r.label(), dropped(r));
        }
        List<Object> lcoreList = new ArrayList<>();
        for (LcoreReport l : lcores) {
            List<Object> queues = new ArrayList<>();
            for (RxQueueConfig q : l.rxQueues()) {
                queues.add(Json.object("port", q.port(), "queue", q.queue()));
            }
            lcoreList.add(Json.object("lcore", l.lcore(), "rx_queues", queues,
                    "busy_cpu_s", Json.round(l.busyCpuNanos() / 1e9, 3), "idle_cpu_s", Json.round(l.idleCpuNanos() / 1e9, 3),
                    "polls", l.polls(), "steady_alloc_bytes", l.steadyAllocBytes(), "steady_packets", l.steadyPackets()));
        }
        return Json.object(
                "command", "l3fwd",
                "lookup", lookup.label(),
                "duration_s", Json.round(seconds, 3),
                "ports", portList,
                "drops", dropMap,
                "totals", Json.object("rx", received(), "tx", sent(), "dropped", dropped(), "balanced", balanced()),
                "fwd_mpps", Json.round(fwdMpps(), 3),
                "cpu_ns_per_packet", Json.round(cpuNanosPerPacket(), 1),
                "lcores", lcoreList);
    }
}
