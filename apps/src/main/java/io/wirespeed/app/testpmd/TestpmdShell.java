package io.wirespeed.app.testpmd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * testpmd's interactive prompt: the DPDK commands a user types most, read one per line until
 * {@code quit} or the end of input.
 */
public final class TestpmdShell {
    private static final String HELP = """
            Commands:
              start                       start forwarding in the current mode
              start tx_first [N]          send N (default 1) txonly bursts per stream first, then start
              stop                        stop forwarding and show the forward statistics
              set fwd <mode>              change the mode while stopped: %s
              show port stats all|<id>    NIC statistics and throughput since the last show
              clear port stats all|<id>   reset NIC statistics
              show port info all|<id>     driver, link, queues, MAC
              show config fwd             mode, burst, ports
              help                        this text
              quit                        stop if needed and exit""";

    private final Testpmd testpmd;
    private final PrintStream out;

    public TestpmdShell(Testpmd testpmd, PrintStream out) {
        this.testpmd = testpmd;
        this.out = out;
    }

    /** Reads and runs commands until quit or end of input. */
    public void run(BufferedReader in) throws IOException {
        while (true) {
            out.print("testpmd> ");
            out.flush();
            String line = in.readLine();
            if (line == null || !execute(line)) {
                break;
            }
        }
        if (testpmd.isForwarding()) {
            testpmd.stop();
        }
        out.println("\nBye...");
    }

    /** Runs one command line; false when it was quit. A bad command prints why and carries on. */
    public boolean execute(String line) {
        String[] w = line.strip().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return true;
        }
        try {
            switch (w[0]) {
                case "quit", "exit" -> {
                    return false;
                }
                case "help" -> out.println(HELP.formatted(ForwardMode.names()));
                case "start" -> start(w);
                case "stop" -> testpmd.stop();
                case "set" -> set(w);
                case "show" -> show(w);
                case "clear" -> clear(w);
                default -> out.println("Bad arguments: unknown command '" + w[0] + "' (try help)");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("Bad arguments: " + e.getMessage());
        }
        return true;
    }

    private void start(String[] w) {
        if (w.length == 1) {
            testpmd.start(0);
        } else if (w[1].equals("tx_first")) {
            testpmd.start(w.length > 2 ? positive(w[2], "tx_first bursts") : 1);
        } else {
            throw new IllegalArgumentException("start takes nothing or tx_first [N]");
        }
    }

    private void set(String[] w) {
        if (w.length == 3 && w[1].equals("fwd")) {
            testpmd.mode(ForwardMode.parse(w[2]));
            out.println("Set " + w[2] + " packet forwarding mode");
        } else {
            throw new IllegalArgumentException("usage: set fwd <mode>");
        }
    }

    private void show(String[] w) {
        if (w.length == 4 && w[1].equals("port") && w[2].equals("stats")) {
            testpmd.showPortStats(portArg(w[3]));
        } else if (w.length == 4 && w[1].equals("port") && w[2].equals("info")) {
            testpmd.showPortInfo(portArg(w[3]));
        } else if (w.length == 3 && w[1].equals("config") && w[2].equals("fwd")) {
            out.printf("%s packet forwarding - ports=%d%n", testpmd.mode().dpdkName(), testpmd.ports().size());
        } else {
            throw new IllegalArgumentException("usage: show port stats|info all|<id>, show config fwd");
        }
    }

    private void clear(String[] w) {
        if (w.length == 4 && w[1].equals("port") && w[2].equals("stats")) {
            testpmd.clearPortStats(portArg(w[3]));
        } else {
            throw new IllegalArgumentException("usage: clear port stats all|<id>");
        }
    }

    private static int portArg(String s) {
        return s.equals("all") ? -1 : positiveOrZero(s, "port id");
    }

    private static int positive(String s, String what) {
        int v = positiveOrZero(s, what);
        if (v == 0) {
            throw new IllegalArgumentException(what + " must be at least 1");
        }
        return v;
    }

    private static int positiveOrZero(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
    }
}
