package io.wirespeed.app.l2fwd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ports l2fwd forwards and where to (DPDK l2fwd's enabled port mask and l2fwd_dst_ports):
 * the ports whose bits are set in the mask, each paired with one other, both ways. Without a
 * port map the enabled ports pair in order (first with second, third with fourth); with one,
 * as it says, and every enabled port must be in exactly one pair.
 */
public final class PortPairing {
    private static final Pattern PAIR = Pattern.compile("\\((\\d+),(\\d+)\\)");
    private static final int MAX_PORTS = 64;

    private final long mask;
    private final int[] destination;
    private final int[] enabled;

    private PortPairing(long mask, int[] destination, int[] enabled) {
        this.mask = mask;
        this.destination = destination;
        this.enabled = enabled;
    }

    /** Parses -p: a hexadecimal bit mask, with or without 0x, not zero. */
    public static long parseMask(String text) {
        String digits = text.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        long mask;
        try {
            mask = digits.isEmpty() || digits.length() > 16 ? 0 : Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            mask = 0;
        }
        if (mask == 0) {
            throw new IllegalArgumentException("-p " + text + ": not a port mask (a non-zero hexadecimal bit mask of the"
                    + " ports to forward, e.g. -p 0x3 for ports 0 and 1)");
        }
        return mask;
    }

    /**
     * The pairing of the ports in {@code mask} among {@code portCount} ports, by {@code portmap}
     * ("(0,1),(2,3)") or, when it is null, in order.
     */
    public static PortPairing of(long mask, String portmap, int portCount) {
        String maskText = "0x" + Long.toHexString(mask);
        long valid = portCount >= MAX_PORTS ? -1L : (1L << portCount) - 1;
        if ((mask & ~valid) != 0) {
            throw new IllegalArgumentException("-p " + maskText + " names port " + Long.numberOfTrailingZeros(mask & ~valid)
                    + ", which does not exist (" + portCount + (portCount == 1 ? " port" : " ports") + " from --vdev: the mask"
                    + " can be at most 0x" + Long.toHexString(valid) + ")");
        }
        int[] enabled = new int[Long.bitCount(mask)];
        for (int p = 0, i = 0; p < portCount; p++) {
            if ((mask >>> p & 1) != 0) {
                enabled[i++] = p;
            }
        }
        int[] destination = new int[portCount];
        Arrays.fill(destination, -1);
        if (portmap == null) {
            if (enabled.length % 2 != 0) {
                throw new IllegalArgumentException("-p " + maskText + " enables " + enabled.length + " ports: l2fwd forwards"
                        + " between pairs of ports, so enable an even number (or pair them with --portmap)");
            }
            for (int i = 0; i < enabled.length; i += 2) {
                destination[enabled[i]] = enabled[i + 1];
                destination[enabled[i + 1]] = enabled[i];
            }
        } else {
            for (int[] pair : parsePortmap(portmap)) {
                for (int p : pair) {
                    if (p >= portCount || (mask >>> p & 1) == 0) {
                        throw new IllegalArgumentException("--portmap " + portmap + ": port " + p + " is not in the port mask "
                                + maskText);
                    }
                    if (destination[p] >= 0) {
                        throw new IllegalArgumentException("--portmap " + portmap + ": port " + p + " is in more than one pair");
                    }
                }
                if (pair[0] == pair[1]) {
                    throw new IllegalArgumentException("--portmap " + portmap + ": port " + pair[0] + " is paired with itself");
                }
                destination[pair[0]] = pair[1];
                destination[pair[1]] = pair[0];
            }
            for (int p : enabled) {
                if (destination[p] < 0) {
                    throw new IllegalArgumentException("--portmap " + portmap + ": port " + p + " is in the port mask "
                            + maskText + " but in no pair");
                }
            }
        }
        return new PortPairing(mask, destination, enabled);
    }

    private static List<int[]> parsePortmap(String portmap) {
        String compact = portmap.replaceAll("\\s+", "");
        List<int[]> pairs = new ArrayList<>();
        Matcher m = PAIR.matcher(compact);
        int at = 0;
        while (at < compact.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("--portmap " + portmap + ": expected pairs of port numbers, e.g."
                        + " --portmap \"(0,1),(2,3)\"");
            }
            try {
                pairs.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--portmap " + portmap + ": port number too large");
            }
            at = m.end();
            if (at < compact.length() && compact.charAt(at) == ',') {
                at++;
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("--portmap is empty: expected pairs of port numbers, e.g. --portmap \"(0,1),(2,3)\"");
        }
        return pairs;
    }

    public long mask() {
        return mask;
    }

    /** The enabled ports, in port-id order. */
    public int[] enabledPorts() {
        return enabled.clone();
    }

    public boolean isEnabled(int port) {
        return port >= 0 && port < destination.length && destination[port] >= 0;
    }

    /** Where port {@code port}'s packets go. */
    public int destination(int port) {
        if (!isEnabled(port)) {
            throw new IllegalArgumentException("port " + port + " is not enabled");
        }
        return destination[port];
    }
}
