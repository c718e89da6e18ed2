package io.wirespeed.classify.lpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A routes file: one {@code PREFIX PORT} per line, IPv4 ({@code 10.0.0.0/8 1}) or IPv6
 * ({@code 2001:db8::/32 1}); blank lines and {@code #} comments are ignored. A bad line fails
 * with its line number.
 */
public final class RouteFile {
    /** One IPv4 route: prefix, length, and the port (next hop) it leads to. */
    public record Route(int prefix, int depth, int port) {
        @Override
        public String toString() {
            return Prefixes.format(prefix, depth) + " " + port;
        }
    }

    /** One IPv6 route: the prefix as two longs in network order, its length, and the port. */
    public record Route6(long high, long low, int depth, int port) {
        @Override
        public String toString() {
            return Ipv6Prefixes.format(high, low, depth) + " " + port;
        }
    }

    /** The routes of a file, by family, each in file order. */
    public record Routes(List<Route> ipv4, List<Route6> ipv6) {
        public Routes {
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
        }
    }

    private RouteFile() {}

    /** Reads a routes file; IOException and bad lines end as IllegalArgumentException naming the file. */
    public static Routes read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read routes file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parseRoutes(lines);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + e.getMessage(), e);
        }
    }

    /** Parses IPv4 and IPv6 routes; a bad line fails as "LINE: what is wrong". */
    public static Routes parseRoutes(List<String> lines) {
        List<Route> v4 = new ArrayList<>();
        List<Route6> v6 = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] words = words(lines.get(i));
            if (words.length == 0) {
                continue;
            }
            try {
                if (words.length != 2) {
                    throw new IllegalArgumentException("expected 'PREFIX PORT', got '" + String.join(" ", words) + "'");
                }
                if (Ipv6Prefixes.isIpv6(words[0])) {
                    Ipv6Prefixes.Address6 p = Ipv6Prefixes.parsePrefix(words[0]);
                    v6.add(new Route6(p.high(), p.low(), p.depth(), port(words[1], Lpm6.MAX_NEXT_HOP)));
                } else {
                    int[] p = Prefixes.parsePrefix(words[0]);
                    v4.add(new Route(p[0], p[1], port(words[1], Lpm4.MAX_NEXT_HOP)));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Routes(v4, v6);
    }

    /** Parses IPv4 routes only; an IPv6 line fails like any other bad line. */
    public static List<Route> parse(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String[] words = words(lines.get(i));
            if (words.length > 0 && Ipv6Prefixes.isIpv6(words[0])) {
                throw new IllegalArgumentException((i + 1) + ": '" + words[0] + "' is an IPv6 prefix; this table takes IPv4 routes");
            }
        }
        return parseRoutes(lines).ipv4();
    }

    /** The words of a line without its comment. */
    private static String[] words(String line) {
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    private static int port(String text, int max) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > max) {
            throw new IllegalArgumentException("port '" + text + "' is not a number 0.." + max);
        }
        return port;
    }
}
