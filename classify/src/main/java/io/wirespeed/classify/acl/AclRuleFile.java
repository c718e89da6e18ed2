package io.wirespeed.classify.acl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule files in DPDK's classbench-like syntax, as dpdk-test-acl's {@code --rulesf} and l3fwd's
 * {@code --rule_ipv4} read them. One rule a line:
 *
 * <pre>
 * &#64;SRC/LEN DST/LEN SPORT_LO : SPORT_HI DPORT_LO : DPORT_HI PROTO/MASK     an ACL rule
 * RSRC/LEN DST/LEN SPORT_LO : SPORT_HI DPORT_LO : DPORT_HI PROTO/MASK PORT   an l3fwd route (PORT = output port)
 * # comment, and blank lines
 * </pre>
 *
 * Numbers are C literals as strtoul(…, 0) reads them (decimal, {@code 0x} hex, leading-0 octal);
 * {@code lo:hi} without spaces is accepted too; tokens after the last field are ignored, as DPDK
 * does (classbench files carry a flags column there). As both DPDK tools do, rules rank in file
 * order: the n-th rule (1-based, counting both kinds) gets priority {@code MAX_PRIORITY - n},
 * userdata {@code n} and all 16 categories.
 */
public final class AclRuleFile {
    /** What a line holds: an {@code @} ACL rule or an {@code R} route rule. */
    public enum Kind { ACL, ROUTE }

    /**
     * One rule of the file.
     *
     * @param kind ACL or route
     * @param line its 1-based line number
     * @param rule the rule, userdata = its ordinal in the file
     * @param port a route's output port; -1 for an ACL rule
     */
    public record Entry(Kind kind, int line, AclRule rule, int port) {
    }

    private final List<Entry> entries;

    private AclRuleFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** All the rules, ACL and route, in file order. */
    public List<AclRule> rules() {
        List<AclRule> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.rule());
        }
        return out;
    }

    /** Reads a file; a bad line throws {@link AclRuleFormatException} naming the file and line. */
    public static AclRuleFile read(Path path) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path)) {
            return parse(in, path.toString());
        }
    }

    /** Parses rule text; {@code source} names it in error messages. */
    public static AclRuleFile parse(String text, String source) {
        try {
            return parse(new BufferedReader(new StringReader(text)), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    private static AclRuleFile parse(BufferedReader in, String source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.charAt(0) == '#') {
                continue;
            }
            Kind kind = switch (s.charAt(0)) {
                case '@' -> Kind.ACL;
                case 'R' -> Kind.ROUTE;
                default -> throw new AclRuleFormatException(source, lineNo,
                        "a rule starts with '@' (ACL) or 'R' (route), not '" + s.charAt(0) + "'");
            };
            int n = entries.size() + 1;
            entries.add(new LineParser(source, lineNo, s.substring(1)).entry(kind, n));
        }
        return new AclRuleFile(entries);
    }

    /** The {@code @} line for a rule, as dpdk-test-acl reads it (priority, categories and userdata are not written). */
    public static String format(AclRule r) {
        return "@" + Ipv4Text.format(r.srcAddr()) + "/" + r.srcPrefixLength()
                + "\t" + Ipv4Text.format(r.dstAddr()) + "/" + r.dstPrefixLength()
                + "\t" + r.srcPortLow() + " : " + r.srcPortHigh()
                + "\t" + r.dstPortLow() + " : " + r.dstPortHigh()
                + "\t" + String.format("0x%02x/0x%02x", r.proto(), r.protoMask());
    }

    /** The fields of one line after its lead character. */
    private static final class LineParser {
        private final String source;
        private final int lineNo;
        private final String[] tokens;
        private int at;

        LineParser(String source, int lineNo, String body) {
            this.source = source;
            this.lineNo = lineNo;
            String spaced = body.replace(":", " : ").strip();
            this.tokens = spaced.isEmpty() ? new String[0] : spaced.split("\\s+");
        }

        Entry entry(Kind kind, int n) {
            long src = prefix("source");
            long dst = prefix("destination");
            int sLo = number("source port low", 0xffff);
            colon("source");
            int sHi = number("source port high", 0xffff);
            int dLo = number("destination port low", 0xffff);
            colon("destination");
            int dHi = number("destination port high", 0xffff);
            if (sLo > sHi) {
                throw bad("source port range " + sLo + " : " + sHi + " has low > high");
            }
            if (dLo > dHi) {
                throw bad("destination port range " + dLo + " : " + dHi + " has low > high");
            }
            String p = next("protocol PROTO/MASK");
            int slash = p.indexOf('/');
            if (slash < 0) {
                throw bad("protocol '" + p + "' is not PROTO/MASK (e.g. 6/0xff)");
            }
            int proto = literal(p.substring(0, slash), "protocol", 0xff);
            int mask = literal(p.substring(slash + 1), "protocol mask", 0xff);
            int port = kind == Kind.ROUTE ? number("route output port", Integer.MAX_VALUE) : -1;
            if (n >= AclRule.MAX_PRIORITY) {
                throw bad("more than " + (AclRule.MAX_PRIORITY - 1) + " rules");
            }
            AclRule rule = new AclRule(proto, mask, (int) (src >>> 8), (int) (src & 0xff), (int) (dst >>> 8), (int) (dst & 0xff),
                    sLo, sHi, dLo, dHi, AclRule.MAX_PRIORITY - n, AclRule.ALL_CATEGORIES, n);
            return new Entry(kind, lineNo, rule, port);
        }

        private long prefix(String which) {
            String t = next(which + " address A.B.C.D/LEN");
            int slash = t.indexOf('/');
            long addr = slash < 0 ? -1 : Ipv4Text.parseAddress(t.substring(0, slash));
            if (addr < 0) {
                throw bad(which + " address '" + t + "' is not A.B.C.D/LEN");
            }
            int len = literal(t.substring(slash + 1), which + " prefix length", 32);
            return addr << 8 | len;
        }

        private void colon(String which) {
            String t = next("':' between the " + which + " ports");
            if (!t.equals(":")) {
                throw bad("expected ':' between the " + which + " ports, found '" + t + "'");
            }
        }

        private int number(String what, int max) {
            return literal(next(what), what, max);
        }

        private String next(String what) {
            if (at >= tokens.length) {
                throw bad("missing " + what);
            }
            return tokens[at++];
        }

        /** A C literal as strtoul(s, 0) reads it: 0x hex, leading 0 octal, else decimal; 0..max. */
        private int literal(String s, String what, int max) {
            int radix = 10;
            String digits = s;
            if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
                radix = 16;
                digits = s.substring(2);
            } else if (s.length() > 1 && s.charAt(0) == '0') {
                radix = 8;
                digits = s.substring(1);
            }
            long v = -1;
            if (!digits.isEmpty() && Character.digit(digits.charAt(0), radix) >= 0 && digits.length() <= 11) {
                try {
                    v = Long.parseLong(digits, radix);
                } catch (NumberFormatException e) {
                    v = -1;
                }
            }
            if (v < 0 || v > max) {
                throw bad(what + " '" + s + "' is not a number in 0.." + max);
            }
            return (int) v;
        }

        private AclRuleFormatException bad(String message) {
            return new AclRuleFormatException(source, lineNo, message);
        }
    }
}
