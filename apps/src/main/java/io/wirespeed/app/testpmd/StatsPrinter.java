package io.wirespeed.app.testpmd;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.ethdev.XStat;
import java.io.PrintStream;
import java.util.List;

/** Prints statistics in DPDK testpmd's layout, so that its users (and their scripts) feel at home. */
final class StatsPrinter {
    private final PrintStream out;
    private final long[] lastRxPackets;
    private final long[] lastTxPackets;
    private final long[] lastRxBytes;
    private final long[] lastTxBytes;
    private final long[] lastShownAt;

    StatsPrinter(PrintStream out, int ports) {
        this.out = out;
        this.lastRxPackets = new long[ports];
        this.lastTxPackets = new long[ports];
        this.lastRxBytes = new long[ports];
        this.lastTxBytes = new long[ports];
        this.lastShownAt = new long[ports];
    }

    /** "show port stats": NIC counters and the throughput since this port was last shown. */
    void portStats(Port port) {
        PortStats s = port.stats();
        int id = port.id();
        long now = System.nanoTime();
        double secs = lastShownAt[id] == 0 ? 0 : (now - lastShownAt[id]) / 1e9;
        long rxPps = rate(s.ipackets() - lastRxPackets[id], secs);
        long txPps = rate(s.opackets() - lastTxPackets[id], secs);
        long rxBps = rate((s.ibytes() - lastRxBytes[id]) * 8, secs);
        long txBps = rate((s.obytes() - lastTxBytes[id]) * 8, secs);
        lastRxPackets[id] = s.ipackets();
        lastTxPackets[id] = s.opackets();
        lastRxBytes[id] = s.ibytes();
        lastTxBytes[id] = s.obytes();
        lastShownAt[id] = now;
        out.printf("%n  ######################## NIC statistics for port %-2d #########################%n", id);
        out.printf("  RX-packets: %-10d RX-missed: %-10d RX-bytes:  %d%n", s.ipackets(), s.imissed(), s.ibytes());
        out.printf("  RX-errors: %d%n", s.ierrors());
        out.printf("  RX-nombuf:  %-10d%n", s.rxNombuf());
        out.printf("  TX-packets: %-10d TX-errors: %-10d TX-bytes:  %d%n", s.opackets(), s.oerrors(), s.obytes());
        out.printf("%n  Throughput (since last show)%n");
        out.printf("  Rx-pps: %12d          Rx-bps: %12d%n", rxPps, rxBps);
        out.printf("  Tx-pps: %12d          Tx-bps: %12d%n", txPps, txBps);
        out.printf("  ############################################################################%n");
    }

    /** "show port xstats": every extended statistic, one "name: value" per line. */
    void xstats(Port port) {
        out.printf("###### NIC extended statistics for port %-2d%n", port.id());
        for (XStat x : port.xstats()) {
            out.printf("%s: %d%n", x.name(), x.value());
        }
    }

    private static long rate(long delta, double secs) {
        return secs > 0 ? Math.round(delta / secs) : 0;
    }

    void forgetPort(int id) {
        lastRxPackets[id] = 0;
        lastTxPackets[id] = 0;
        lastRxBytes[id] = 0;
        lastTxBytes[id] = 0;
        lastShownAt[id] = 0;
    }

    /** "show port info": what the driver says about the port. */
    void portInfo(Port port) {
        out.printf("%n********************* Infos for port %-2d  *********************%n", port.id());
        out.printf("MAC address: %s%n", port.macAddress());
        out.printf("Device name: %s%n", port.name());
        out.printf("Driver name: %s%n", port.driverName());
        out.printf("Link status: %s%n", port.link());
        out.printf("MTU: %d%n", port.mtu());
        out.printf("Promiscuous mode: %s%n", port.isPromiscuous() ? "enabled" : "disabled");
        out.printf("Allmulticast mode: %s%n", port.isAllMulticast() ? "enabled" : "disabled");
        out.printf("Current number of RX queues: %d%n", port.rxQueueCount());
        out.printf("Max possible RX queues: %d%n", port.info().maxRxQueues());
        out.printf("Current number of TX queues: %d%n", port.txQueueCount());
        out.printf("Max possible TX queues: %d%n", port.info().maxTxQueues());
    }

    /** The block testpmd prints at stop. */
    void forwardStats(RunReport r) {
        long rx = 0;
        long rxDropped = 0;
        long tx = 0;
        long txDropped = 0;
        for (RunReport.PortReport p : r.ports()) {
            long missed = p.nic().imissed() + p.nic().rxNombuf();
            out.printf("%n  ---------------------- Forward statistics for port %-2d ----------------------%n", p.id());
            out.printf("  RX-packets: %-14d RX-dropped: %-14d RX-total: %d%n", p.fwdReceived(), missed, p.fwdReceived() + missed);
            out.printf("  TX-packets: %-14d TX-dropped: %-14d TX-total: %d%n", p.fwdTransmitted(), p.fwdTxDropped(),
                    p.fwdTransmitted() + p.fwdTxDropped());
            if (p.fwdConsumed() > 0) {
                out.printf("  Consumed by %s: %d%n", r.mode().dpdkName(), p.fwdConsumed());
            }
            out.printf("  ----------------------------------------------------------------------------%n");
            rx += p.fwdReceived();
            rxDropped += missed;
            tx += p.fwdTransmitted();
            txDropped += p.fwdTxDropped();
        }
        out.printf("%n  +++++++++++++++ Accumulated forward statistics for all ports+++++++++++++++%n");
        out.printf("  RX-packets: %-14d RX-dropped: %-14d RX-total: %d%n", rx, rxDropped, rx + rxDropped);
        out.printf("  TX-packets: %-14d TX-dropped: %-14d TX-total: %d%n", tx, txDropped, tx + txDropped);
        out.printf("  ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++%n");
        RunReport.Totals t = r.totals();
        out.printf("%n  %s forwarding over %.3f s: %.3f Mpps transmitted, %.3f Mpps received%s%n", r.mode().dpdkName(),
                r.seconds(), r.fwdMpps(), r.rxMpps(), t.generated() > 0 ? ", " + t.generated() + " generated" : "");
        for (RunReport.LcoreReport l : r.lcores()) {
            long cpu = l.busyCpuNanos() + l.idleCpuNanos();
            out.printf("  lcore %d (cpu %s%s): %d streams, %.3f s CPU (%.0f%% in busy polls), idle %s%s, %d bytes allocated over %d packets after warm-up%n",
                    l.lcore(), l.cpus(), l.pinned() ? "" : ", not pinned", l.streams(), cpu / 1e9,
                    cpu > 0 ? 100.0 * l.busyCpuNanos() / cpu : 0.0, l.idlePolicy(),
                    l.sleeps() > 0 ? String.format(" (%d sleeps, %d wake-ups, %.1f packets per wake-up)", l.sleeps(),
                            l.wakeups(), l.packetsPerWakeup()) : "",
                    l.steadyAllocBytes(), l.steadyPackets());
        }
        out.printf("  conservation: received %d + generated %d = transmitted %d + tx-dropped %d + consumed %d: %s%n",
                t.received(), t.generated(), t.transmitted(), t.txDropped(), t.consumed(), t.balanced() ? "ok" : "MISMATCH");
    }

    void allPorts(List<Port> ports) {
        out.printf("%n  Port statistics ====================================%n");
        for (Port p : ports) {
            portStats(p);
        }
    }
}
