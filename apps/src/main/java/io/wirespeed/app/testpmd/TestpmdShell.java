package io.wirespeed.app.testpmd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
              show port xstats all|<id>   extended statistics (per queue, steering drops)
              show config fwd             mode, burst, ports
              flow validate|create <port> [group N] [priority N] ingress pattern ... / end actions ... / end
              flow destroy <port> rule <id> [rule <id> ...]
              flow flush|list <port>      remove or list a port's flow rules
              flow query <port> <id> count    packets and bytes a COUNT rule matched
              port config all rss <types> hash types: all, none, ip, tcp, udp, ipv4, ipv4-tcp, ...
              port config <id> rss-hash-key <type> <hex>   a 40- or 52-byte Toeplitz key
              port config <id> rss reta (index,queue)[,(index,queue)...]
              show port <id> rss reta [size [(mask,...)]]   redirection table entries
              show port <id> rss-hash [key]  hash types (and key)
              help                        this text
              quit                        stop if needed and exit""";

    private final Testpmd testpmd;
    private final PrintStream out;
    private final FlowShellCommands flows;
    private final RssShellCommands rss;

    public TestpmdShell(Testpmd testpmd, PrintStream out) {
        this.testpmd = testpmd;
        this.out = out;
        this.flows = new FlowShellCommands(testpmd, out);
        this.rss = new RssShellCommands(testpmd, out);
    }

    /**
     * Runs the commands of a file (testpmd's {@code --cmdline-file}), one per line; blank lines and
     * lines starting with {@code #} are skipped, {@code quit} ends the file. Unlike the prompt, a
     * bad command stops the file: throws IllegalArgumentException naming the file and line.
     */
    public void runFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--cmdline-file " + file + ": cannot read it (" + e.getMessage() + ")");
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("--cmdline-file " + file + ": not UTF-8 text");
        }
        out.println("Read CLI commands from " + file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (!dispatch(line)) {
                    return;
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("--cmdline-file " + file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
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
        try {
            return dispatch(line);
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("Bad arguments: " + e.getMessage());
            return true;
        }
    }

    /** Runs one command line; false when it was quit; throws when it is bad. */
    private boolean dispatch(String line) {
        String[] w = line.strip().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return true;
        }
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
            case "flow" -> flows.execute(line);
            case "port" -> port(line, w);
            default -> throw new IllegalArgumentException("unknown command '" + w[0] + "' (try help)");
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
        } else if (w.length == 4 && w[1].equals("port") && w[2].equals("xstats")) {
            testpmd.showPortXStats(portArg(w[3]));
        } else if (w.length >= 5 && w[1].equals("port") && w[3].equals("rss") && w[4].equals("reta")) {
            rss.showReta(positiveOrZero(w[2], "port id"), Arrays.asList(w).subList(5, w.length));
        } else if ((w.length == 4 || w.length == 5 && w[4].equals("key")) && w[1].equals("port") && w[3].equals("rss-hash")) {
            rss.showHash(positiveOrZero(w[2], "port id"), w.length == 5);
        } else if (w.length == 3 && w[1].equals("config") && w[2].equals("fwd")) {
            out.printf("%s packet forwarding - ports=%d%n", testpmd.mode().dpdkName(), testpmd.ports().size());
        } else {
            throw new IllegalArgumentException("usage: show port stats|info|xstats all|<id>, show port <id> rss reta|rss-hash,"
                    + " show config fwd");
        }
    }

    private void port(String line, String[] w) {
        if (w.length >= 4 && w[1].equals("config") && w[2].equals("all") && w[3].equals("rss")) {
            rss.configureTypes(Arrays.asList(w).subList(4, w.length));
        } else if (w.length == 6 && w[1].equals("config") && w[3].equals("rss-hash-key")) {
            rss.configureKey(positiveOrZero(w[2], "port id"), w[5]);
        } else if (w.length >= 6 && w[1].equals("config") && w[3].equals("rss") && w[4].equals("reta")) {
            String pairs = line.substring(line.indexOf("reta") + "reta".length()).strip();
            rss.configureReta(positiveOrZero(w[2], "port id"), pairs);
        } else {
            throw new IllegalArgumentException("usage: port config all rss <types>, port config <id> rss-hash-key <type> <hex>,"
                    + " port config <id> rss reta (index,queue)[,...]");
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

    static int positiveOrZero(String s, String what) {
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
