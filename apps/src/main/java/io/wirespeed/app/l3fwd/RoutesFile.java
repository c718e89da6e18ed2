package io.wirespeed.app.l3fwd;

import io.wirespeed.classify.acl.AclContext;
import io.wirespeed.classify.acl.AclRule;
import io.wirespeed.classify.acl.AclRuleFile;
import io.wirespeed.classify.acl.AclRuleFormatException;
import io.wirespeed.classify.lpm.Ipv6Prefixes;
import io.wirespeed.classify.lpm.Prefixes;
import io.wirespeed.classify.lpm.RouteFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads l3fwd's {@code --routes} file into the table of the chosen lookup. Every mode reads
 * {@code PREFIX PORT} lines ({@code 10.1.0.0/16 1}); blank lines and {@code #} comments are
 * skipped, and a line may start with DPDK's {@code R}, so DPDK l3fwd's own rule files
 * ({@code lpm_default_v4.cfg}, {@code em_default_v4.cfg}) read as they are. Per mode:
 * <ul>
 *   <li>lpm: IPv4 prefixes of any length 1..32 and IPv6 prefixes 1..128 ({@code 2001:db8::/32 1});
 *   <li>em: host routes only ({@code 10.1.2.3/32 1}, or the bare address), plus 5-tuple routes
 *       in DPDK's column order {@code DST SRC DPORT SPORT PROTO PORT}
 *       ({@code 10.1.2.3 10.0.0.1 53 1024 0x11 1});
 *   <li>acl: prefix routes (the longest prefix wins, as in lpm), or a file in DPDK l3fwd-acl's
 *       format: {@code @} deny rules and {@code R} route rules with port ranges, the first
 *       matching line wins.
 * </ul>
 * A bad line fails with one message naming the file and the line number.
 */
public final class RoutesFile {
    private static final int MAX_PORT = 0xffff;

    private RoutesFile() {
    }

    /** Builds the table {@code mode} needs from {@code file}. */
    static RouteTable load(LookupMode mode, Path file) {
        List<String> raw = readLines(file);
        List<String> lines = mode == LookupMode.ACL && isDpdkAclFormat(raw) ? raw : withoutRouteMarks(raw);
        try {
            if (mode != LookupMode.LPM) {
                refuseIpv6(lines);
            }
            return switch (mode) {
                case LPM -> new LpmRouteTable(RouteFile.parseRoutes(lines));
                case EM -> exactMatch(lines);
                case ACL -> lines == raw ? dpdkAcl(lines, file) : prefixAcl(RouteFile.parse(lines));
            };
        } catch (AclRuleFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read routes file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lines with DPDK's leading route mark ({@code R10.0.0.0/8 1}, {@code R2001:db8::/32 1}) taken off; the numbering stays. */
    private static List<String> withoutRouteMarks(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String s = line.stripLeading();
            out.add(s.length() > 1 && s.charAt(0) == 'R' && (Character.digit(s.charAt(1), 16) >= 0 || s.charAt(1) == ':')
                    ? s.substring(1) : line);
        }
        return out;
    }

    /** em and acl route IPv4 only: an IPv6 route fails with its line number. */
    private static void refuseIpv6(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String text = content(lines.get(i));
            String first = text.isEmpty() ? "" : text.split("\\s+")[0];
            if (Ipv6Prefixes.isIpv6(first)) {
                throw new IllegalArgumentException((i + 1) + ": '" + first + "' is IPv6; IPv6 routes need --lookup lpm"
                        + " (em and acl route IPv4 only)");
            }
        }
    }

    /** The text of a line without its comment, stripped. */
    private static String content(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    private static RouteTable exactMatch(List<String> lines) {
        List<ExactMatchRouteTable.HostRoute> hosts = new ArrayList<>();
        List<ExactMatchRouteTable.TupleRoute> tuples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = content(lines.get(i));
            if (text.isEmpty()) {
                continue;
            }
            String[] w = text.split("\\s+");
            try {
                if (w.length == 2) {
                    hosts.add(new ExactMatchRouteTable.HostRoute(hostAddress(w[0]), port(w[1])));
                } else if (w.length == 6) { // DPDK's order: destination first
                    tuples.add(new ExactMatchRouteTable.TupleRoute(Prefixes.parseAddress(w[1]), Prefixes.parseAddress(w[0]),
                            number(w[3], "source port", MAX_PORT), number(w[2], "destination port", MAX_PORT),
                            number(w[4], "protocol", 255), port(w[5])));
                } else {
                    throw new IllegalArgumentException("expected 'ADDRESS PORT' or 'DST SRC DPORT SPORT PROTO PORT', got '"
                            + text + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new ExactMatchRouteTable(hosts, tuples);
    }

    /** "a.b.c.d" or "a.b.c.d/32": exact match has no shorter prefixes. */
    private static int hostAddress(String text) {
        if (text.indexOf('/') < 0) {
            return Prefixes.parseAddress(text);
        }
        int[] p = Prefixes.parsePrefix(text);
        if (p[1] != 32) {
            throw new IllegalArgumentException("'" + text + "': exact match takes host routes (/32); use --lookup lpm or acl"
                    + " for prefixes");
        }
        return p[0];
    }

    /** DPDK l3fwd-acl's format: the first rule is an {@code @} rule, or an {@code R} rule with more than a prefix and a port. */
    private static boolean isDpdkAclFormat(List<String> lines) {
        for (String line : lines) {
            String text = content(line);
            if (!text.isEmpty()) {
                return text.charAt(0) == '@' || text.charAt(0) == 'R' && text.split("\\s+").length > 2;
            }
        }
        return false;
    }

    private static RouteTable dpdkAcl(List<String> lines, Path file) {
        AclRuleFile rules = AclRuleFile.parse(String.join("\n", lines), file.toString());
        AclContext context = new AclContext();
        int[] actions = new int[rules.entries().size() + 1];
        for (AclRuleFile.Entry e : rules.entries()) {
            AclRule r = e.rule().toBuilder().categoryMask(1).build();
            context.add(r);
            if (e.kind() == AclRuleFile.Kind.ROUTE && (e.port() < 0 || e.port() > MAX_PORT)) {
                throw new IllegalArgumentException(e.line() + ": port " + e.port() + " is not 0.." + MAX_PORT);
            }
            actions[r.userdata()] = e.kind() == AclRuleFile.Kind.ACL ? RouteLookup.DENIED : e.port();
        }
        return new AclRouteTable(context, actions);
    }

    private static RouteTable prefixAcl(List<RouteFile.Route> routes) {
        AclContext context = new AclContext();
        int[] actions = new int[routes.size() + 1];
        for (int i = 0; i < routes.size(); i++) {
            RouteFile.Route r = routes.get(i);
            int userdata = i + 1;
            context.add(AclRule.builder().dst(r.prefix(), r.depth()).priority(AclRouteTable.prefixPriority(r.depth(), i))
                    .userdata(userdata).build());
            actions[userdata] = r.port();
        }
        return new AclRouteTable(context, actions);
    }

    private static int port(String text) {
        return number(text, "port", MAX_PORT);
    }

    private static int number(String text, String what, int max) {
        int v;
        try {
            v = Integer.decode(text);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number 0.." + max);
        }
        return v;
    }
}
