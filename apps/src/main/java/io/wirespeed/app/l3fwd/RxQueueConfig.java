package io.wirespeed.app.l3fwd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of l3fwd's {@code --config}: receive queue {@code queue} of port {@code port} is
 * polled by lcore {@code lcore}.
 */
public record RxQueueConfig(int port, int queue, int lcore) {
    private static final Pattern ENTRY = Pattern.compile("\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    /** Queues one port may have (DPDK l3fwd's MAX_RX_QUEUE_PER_PORT is 128). */
    public static final int MAX_QUEUES_PER_PORT = 128;

    public RxQueueConfig {
        if (port < 0 || queue < 0 || queue >= MAX_QUEUES_PER_PORT || lcore < 0) {
            throw new IllegalArgumentException("--config (" + port + "," + queue + "," + lcore + "): queue must be 0.."
                    + (MAX_QUEUES_PER_PORT - 1));
        }
    }

    /**
     * Parses {@code "(port,queue,lcore),(port,queue,lcore),..."}; a malformed list or the same
     * queue given twice fails naming the entry.
     */
    public static List<RxQueueConfig> parseList(String text) {
        List<RxQueueConfig> entries = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        int at = 0;
        String s = text.strip();
        m.reset(s);
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("--config '" + text + "': expected (port,queue,lcore) at '"
                        + s.substring(at) + "'");
            }
            RxQueueConfig e = new RxQueueConfig(number(m.group(1), text), number(m.group(2), text), number(m.group(3), text));
            for (RxQueueConfig seen : entries) {
                if (seen.port == e.port && seen.queue == e.queue) {
                    throw new IllegalArgumentException("--config '" + text + "': port " + e.port + " queue " + e.queue
                            + " is given twice");
                }
            }
            entries.add(e);
            at = m.end();
            while (at < s.length() && (s.charAt(at) == ',' || Character.isWhitespace(s.charAt(at)))) {
                at++;
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("--config is empty: give (port,queue,lcore),...");
        }
        return List.copyOf(entries);
    }

    private static int number(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--config '" + text + "': " + digits + " is too large");
        }
    }

    @Override
    public String toString() {
        return "(" + port + "," + queue + "," + lcore + ")";
    }
}
