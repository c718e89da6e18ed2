package io.wirespeed.classify.lpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A routes file: one {@code PREFIX PORT} per line ({@code 10.0.0.0/8 1}); blank lines and
 * {@code #} comments are ignored. A bad line fails with its line number.
 */
public final class RouteFile {
    /** One route: prefix, length, and the port (next hop) it leads to. */
    public record Route(int prefix, int depth, int port) {
        @Override
        public String toString() {
            return Prefixes.format(prefix, depth) + " " + port;
        }
    }

    private RouteFile() {}

    /** Reads a routes file; IOException and bad lines end as IllegalArgumentException naming the file. */
    public static List<Route> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read routes file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(lines);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + e.getMessage(), e);
        }
    }

    /** Parses lines; a bad one fails as "LINE: what is wrong". */
    public static List<Route> parse(List<String> lines) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("\\s+");
            try {
                if (words.length != 2) {
                    throw new IllegalArgumentException("expected 'PREFIX PORT', got '" + text + "'");
                }
                int[] p = Prefixes.parsePrefix(words[0]);
                int port;
                try {
                    port = Integer.parseInt(words[1]);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0 || port > Lpm4.MAX_NEXT_HOP) {
                    throw new IllegalArgumentException("port '" + words[1] + "' is not a number 0.." + Lpm4.MAX_NEXT_HOP);
                }
                routes.add(new Route(p[0], p[1], port));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((i + 1) + ": " + e.getMessage(), e);
            }
        }
        return routes;
    }
}
