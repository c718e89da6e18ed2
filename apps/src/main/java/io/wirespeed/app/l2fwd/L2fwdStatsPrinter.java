package io.wirespeed.app.l2fwd;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints l2fwd's statistics in DPDK l2fwd's layout ("Port statistics ====", one block per enabled
 * port, "Aggregate statistics"), clearing the terminal first as DPDK does when the output is one.
 */
final class L2fwdStatsPrinter {
    private static final String CLEAR_AND_HOME = "\033[2J\033[1;1H";

    private final PrintStream out;
    private final boolean terminal;

    L2fwdStatsPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** The block for the given per-port counts (in port order). */
    void print(List<L2fwdReport.PortReport> ports) {
        if (terminal) {
            out.print(CLEAR_AND_HOME);
        }
        long rx = 0;
        long tx = 0;
        long dropped = 0;
        StringBuilder sb = new StringBuilder(256 + 160 * ports.size());
        sb.append("\nPort statistics ====================================");
        for (L2fwdReport.PortReport p : ports) {
            sb.append(String.format("%nStatistics for port %d ------------------------------"
                    + "%nPackets sent: %24d%nPackets received: %20d%nPackets dropped: %21d", p.id(), p.tx(), p.rx(), p.dropped()));
            rx += p.rx();
            tx += p.tx();
            dropped += p.dropped();
        }
        sb.append(String.format("%nAggregate statistics ==============================="
                + "%nTotal packets sent: %18d%nTotal packets received: %14d%nTotal packets dropped: %15d", tx, rx, dropped));
        sb.append("\n====================================================\n");
        out.print(sb);
        out.flush();
    }
}
