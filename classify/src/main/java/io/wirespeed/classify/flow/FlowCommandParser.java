package io.wirespeed.classify.flow;

import io.wirespeed.ethdev.MacAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parses testpmd's flow commands (DPDK's syntax), e.g.
 * {@code flow create 0 ingress pattern eth / ipv4 dst is 10.0.0.1 / udp dst is 53 / end actions queue index 1 / end}.
 *
 * <p>Items: eth (dst, src, type), vlan (tci, pcp, dei, vid, inner_type), ipv4 (tos,
 * fragment_offset, ttl, proto, src, dst), ipv6 (tc, flow, proto, hop, src, dst), udp and tcp (src,
 * dst; tcp also flags), icmp and icmp6 (type, code). A field is followed by {@code is V}, {@code
 * spec V}, {@code mask V}, {@code last V} or {@code prefix N}; a spec without a mask matches the
 * whole field. Actions: {@code queue index N}, {@code drop}, {@code rss [queues N.. end] [types
 * T.. end]}, {@code mark id N}, {@code count}, {@code jump group N}, {@code port_id id N} (or
 * {@code represented_port ethdev_port_id N}), {@code passthru}, {@code void}.
 *
 * <p>A malformed command throws {@link IllegalArgumentException} naming the token at fault.
 */
public final class FlowCommandParser {
    private final String[] tokens;
    private int at;

    private FlowCommandParser(String line) {
        this.tokens = line.strip().split("\\s+");
    }

    public static FlowCommand parse(String line) {
        return new FlowCommandParser(line).command();
    }

    private FlowCommand command() {
        expect("flow");
        String verb = next("a flow command (validate, create, destroy, flush, query, list)");
        int port = integer("port id", 0, 0xffff);
        FlowCommand c = switch (verb) {
            case "validate" -> new FlowCommand.Validate(port, rule());
            case "create" -> new FlowCommand.Create(port, rule());
            case "destroy" -> destroy(port);
            case "flush" -> new FlowCommand.Flush(port);
            case "query" -> {
                int id = integer("rule id", 0, Integer.MAX_VALUE);
                expect("count");
                yield new FlowCommand.Query(port, id);
            }
            case "list" -> new FlowCommand.ListRules(port);
            default -> throw bad("unknown flow command '" + verb + "' (validate, create, destroy, flush, query, list)");
        };
        if (at < tokens.length) {
            throw bad("unexpected '" + tokens[at] + "' after the command");
        }
        return c;
    }

    private FlowCommand destroy(int port) {
        List<Integer> ids = new ArrayList<>();
        while (at < tokens.length) {
            expect("rule");
            ids.add(integer("rule id", 0, Integer.MAX_VALUE));
        }
        if (ids.isEmpty()) {
            throw bad("flow destroy needs 'rule ID'");
        }
        return new FlowCommand.Destroy(port, ids);
    }

    private FlowRuleDefinition rule() {
        int group = 0;
        int priority = 0;
        boolean ingress = false;
        boolean egress = false;
        while (true) {
            String word = next("'pattern'");
            switch (word) {
                case "group" -> group = integer("group", 0, Integer.MAX_VALUE);
                case "priority" -> priority = integer("priority", 0, Integer.MAX_VALUE);
                case "ingress" -> ingress = true;
                case "egress" -> egress = true;
                case "pattern" -> {
                    List<FlowItem> pattern = pattern();
                    expect("actions");
                    List<FlowAction> actions = actions();
                    return new FlowRuleDefinition(new FlowAttributes(group, priority, ingress, egress), pattern, actions);
                }
                default -> throw bad("unexpected '" + word + "' (group, priority, ingress, egress or pattern)");
            }
        }
    }

    private List<FlowItem> pattern() {
        List<FlowItem> items = new ArrayList<>();
        while (true) {
            String word = next("a pattern item or 'end'");
            if (word.equals("end")) {
                return items;
            }
            FlowItemType type = FlowItemType.byKeyword(word);
            if (type == null) {
                throw bad("unknown pattern item '" + word + "' (eth, vlan, ipv4, ipv6, udp, tcp, icmp, icmp6)");
            }
            items.add(item(type));
        }
    }

    /** One item's field clauses, up to and including its '/' (or before 'end'). */
    private FlowItem item(FlowItemType type) {
        Map<FlowField, FieldBuilder> fields = new EnumMap<>(FlowField.class);
        while (true) {
            String word = next("'/' after item " + type.keyword());
            if (word.equals("/")) {
                break;
            }
            fieldClause(type, word, fields);
        }
        List<FieldMatch> matches = new ArrayList<>();
        fields.values().forEach(b -> matches.add(b.build()));
        return new FlowItem(type, matches);
    }

    private void fieldClause(FlowItemType type, String name, Map<FlowField, FieldBuilder> fields) {
        SubField sub = SubField.of(type, name);
        if (sub == null) {
            throw bad("item " + type.keyword() + " has no field '" + name + "'");
        }
        String how = next("is, spec, mask, last or prefix after " + name);
        if (sub.ipv6) {
            ipv6Clause(sub, how, fields);
            return;
        }
        FieldBuilder b = fields.computeIfAbsent(sub.field, FieldBuilder::new);
        switch (how) {
            case "is" -> {
                b.spec(value(sub) << sub.shift, sub.mask);
                b.mask(sub.mask, sub.mask);
            }
            case "spec" -> b.spec(value(sub) << sub.shift, sub.mask);
            case "mask" -> b.mask(value(sub) << sub.shift & sub.mask, sub.mask);
            case "last" -> b.last(value(sub) << sub.shift, sub.mask);
            case "prefix" -> {
                int width = Long.bitCount(sub.mask);
                int len = integer("prefix length", 0, width);
                long m = len == 0 ? 0 : (-1L << (width - len)) & (width == 64 ? -1L : (1L << width) - 1);
                b.mask(m << sub.shift, sub.mask);
            }
            default -> throw bad("'" + how + "' after field " + name + " (is, spec, mask, last, prefix)");
        }
    }

    private void ipv6Clause(SubField sub, String how, Map<FlowField, FieldBuilder> fields) {
        boolean src = sub == SubField.IPV6_SRC;
        FieldBuilder high = fields.computeIfAbsent(src ? FlowField.IPV6_SRC_HIGH : FlowField.IPV6_DST_HIGH, FieldBuilder::new);
        FieldBuilder low = fields.computeIfAbsent(src ? FlowField.IPV6_SRC_LOW : FlowField.IPV6_DST_LOW, FieldBuilder::new);
        switch (how) {
            case "is", "spec", "mask" -> {
                long[] v = ipv6();
                if (how.equals("mask")) {
                    high.mask(v[0], -1L);
                    low.mask(v[1], -1L);
                } else {
                    high.spec(v[0], -1L);
                    low.spec(v[1], -1L);
                    if (how.equals("is")) {
                        high.mask(-1L, -1L);
                        low.mask(-1L, -1L);
                    }
                }
            }
            case "prefix" -> {
                int len = integer("prefix length", 0, 128);
                high.mask(len == 0 ? 0 : -1L << (64 - Math.min(len, 64)), -1L);
                low.mask(len <= 64 ? 0 : -1L << (128 - len), -1L);
            }
            case "last" -> throw bad("ranges (last) are not supported on IPv6 addresses");
            default -> throw bad("'" + how + "' after an IPv6 address field (is, spec, mask, prefix)");
        }
    }

    private List<FlowAction> actions() {
        List<FlowAction> actions = new ArrayList<>();
        while (true) {
            String word = next("an action or 'end'");
            if (word.equals("end")) {
                return actions;
            }
            FlowAction a = switch (word) {
                case "queue" -> {
                    expect("index");
                    yield new FlowAction.Queue(integer("queue index", 0, 0xffff));
                }
                case "drop" -> new FlowAction.Drop();
                case "rss" -> rss();
                case "mark" -> {
                    expect("id");
                    yield new FlowAction.Mark((int) number("mark id", 0, 0xffff_ffffL));
                }
                case "count" -> {
                    if (peek("identifier")) {
                        next("identifier");
                        integer("count identifier", 0, Integer.MAX_VALUE);
                    }
                    yield new FlowAction.Count();
                }
                case "jump" -> {
                    expect("group");
                    yield new FlowAction.Jump(integer("group", 0, Integer.MAX_VALUE));
                }
                case "port_id" -> {
                    expect("id");
                    int id = integer("port id", 0, 0xffff);
                    if (peek("original")) {
                        next("original");
                        integer("original", 0, 1);
                    }
                    yield new FlowAction.Port(id);
                }
                case "represented_port" -> {
                    expect("ethdev_port_id");
                    yield new FlowAction.Port(integer("port id", 0, 0xffff));
                }
                case "passthru", "void" -> null;
                default -> throw bad("unknown action '" + word + "' (queue, drop, rss, mark, count, jump, port_id, passthru)");
            };
            if (a != null) {
                actions.add(a);
            }
            expect("/");
        }
    }

    private FlowAction.Rss rss() {
        List<Integer> queues = new ArrayList<>();
        List<String> types = new ArrayList<>();
        while (!peek("/")) {
            String word = next("'/' after rss");
            switch (word) {
                case "queues" -> {
                    while (!peek("end")) {
                        queues.add(integer("rss queue", 0, 0xffff));
                    }
                    next("end");
                }
                case "types" -> {
                    while (!peek("end")) {
                        types.add(next("an rss type"));
                    }
                    next("end");
                }
                case "func" -> next("an rss function");
                case "level" -> integer("rss level", 0, 0);
                default -> throw bad("unexpected '" + word + "' in rss (queues ... end, types ... end)");
            }
        }
        return new FlowAction.Rss(queues.stream().mapToInt(Integer::intValue).toArray(), types);
    }

    // ---- values -------------------------------------------------------------------------------

    private long value(SubField sub) {
        String text = next("a value for " + sub.name);
        try {
            return switch (sub.kind) {
                case MAC -> MacAddress.parse(text).bits();
                case IPV4 -> {
                    if (!(InetAddress.ofLiteral(text) instanceof Inet4Address a)) {
                        throw bad("'" + text + "' is not an IPv4 address");
                    }
                    byte[] b = a.getAddress();
                    yield (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | b[3] & 0xffL;
                }
                case NUMBER -> {
                    long v = Long.decode(text);
                    long max = sub.mask >>> sub.shift;
                    if (v < 0 || v > max) {
                        throw bad(sub.name + " " + text + " out of range 0.." + max);
                    }
                    yield v;
                }
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("flow:")) {
                throw e;
            }
            throw bad("'" + text + "' is not a valid " + sub.name);
        }
    }

    private long[] ipv6() {
        String text = next("an IPv6 address");
        try {
            if (InetAddress.ofLiteral(text) instanceof Inet6Address a) {
                byte[] b = a.getAddress();
                long high = 0;
                long low = 0;
                for (int i = 0; i < 8; i++) {
                    high = high << 8 | b[i] & 0xff;
                    low = low << 8 | b[i + 8] & 0xff;
                }
                return new long[] {high, low};
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw bad("'" + text + "' is not an IPv6 address");
    }

    private int integer(String what, int min, int max) {
        return (int) number(what, min, max);
    }

    private long number(String what, long min, long max) {
        String text = next(what);
        long v;
        try {
            v = Long.decode(text);
        } catch (NumberFormatException e) {
            throw bad(what + " '" + text + "' is not a number");
        }
        if (v < min || v > max) {
            throw bad(what + " " + text + " out of range " + min + ".." + max);
        }
        return v;
    }

    private String next(String expected) {
        if (at >= tokens.length || tokens[at].isEmpty()) {
            throw bad("command ends where " + expected + " was expected");
        }
        return tokens[at++];
    }

    private boolean peek(String word) {
        return at < tokens.length && tokens[at].equals(word);
    }

    private void expect(String word) {
        String got = next("'" + word + "'");
        if (!got.equals(word)) {
            throw bad("expected '" + word + "', got '" + got + "'");
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("flow: " + message);
    }

    /** A field as testpmd names it: a whole FlowField, or a bit range of one (vlan pcp/dei/vid). */
    private enum SubField {
        ETH_DST(FlowItemType.ETH, "dst", FlowField.ETH_DST, Kind.MAC, 0, 0xffff_ffff_ffffL),
        ETH_SRC(FlowItemType.ETH, "src", FlowField.ETH_SRC, Kind.MAC, 0, 0xffff_ffff_ffffL),
        ETH_TYPE(FlowItemType.ETH, "type", FlowField.ETH_TYPE, Kind.NUMBER, 0, 0xffff),
        VLAN_TCI(FlowItemType.VLAN, "tci", FlowField.VLAN_TCI, Kind.NUMBER, 0, 0xffff),
        VLAN_PCP(FlowItemType.VLAN, "pcp", FlowField.VLAN_TCI, Kind.NUMBER, 13, 0xe000),
        VLAN_DEI(FlowItemType.VLAN, "dei", FlowField.VLAN_TCI, Kind.NUMBER, 12, 0x1000),
        VLAN_VID(FlowItemType.VLAN, "vid", FlowField.VLAN_TCI, Kind.NUMBER, 0, 0x0fff),
        VLAN_INNER_TYPE(FlowItemType.VLAN, "inner_type", FlowField.VLAN_INNER_TYPE, Kind.NUMBER, 0, 0xffff),
        IPV4_TOS(FlowItemType.IPV4, "tos", FlowField.IPV4_TOS, Kind.NUMBER, 0, 0xff),
        IPV4_FRAGMENT_OFFSET(FlowItemType.IPV4, "fragment_offset", FlowField.IPV4_FRAGMENT_OFFSET, Kind.NUMBER, 0, 0xffff),
        IPV4_TTL(FlowItemType.IPV4, "ttl", FlowField.IPV4_TTL, Kind.NUMBER, 0, 0xff),
        IPV4_PROTO(FlowItemType.IPV4, "proto", FlowField.IPV4_PROTO, Kind.NUMBER, 0, 0xff),
        IPV4_SRC(FlowItemType.IPV4, "src", FlowField.IPV4_SRC, Kind.IPV4, 0, 0xffff_ffffL),
        IPV4_DST(FlowItemType.IPV4, "dst", FlowField.IPV4_DST, Kind.IPV4, 0, 0xffff_ffffL),
        IPV6_TC(FlowItemType.IPV6, "tc", FlowField.IPV6_TC, Kind.NUMBER, 0, 0xff),
        IPV6_FLOW(FlowItemType.IPV6, "flow", FlowField.IPV6_FLOW, Kind.NUMBER, 0, 0xfffff),
        IPV6_PROTO(FlowItemType.IPV6, "proto", FlowField.IPV6_PROTO, Kind.NUMBER, 0, 0xff),
        IPV6_HOP(FlowItemType.IPV6, "hop", FlowField.IPV6_HOP, Kind.NUMBER, 0, 0xff),
        IPV6_SRC(FlowItemType.IPV6, "src", null, Kind.NUMBER, 0, -1L),
        IPV6_DST(FlowItemType.IPV6, "dst", null, Kind.NUMBER, 0, -1L),
        UDP_SRC(FlowItemType.UDP, "src", FlowField.UDP_SRC, Kind.NUMBER, 0, 0xffff),
        UDP_DST(FlowItemType.UDP, "dst", FlowField.UDP_DST, Kind.NUMBER, 0, 0xffff),
        TCP_SRC(FlowItemType.TCP, "src", FlowField.TCP_SRC, Kind.NUMBER, 0, 0xffff),
        TCP_DST(FlowItemType.TCP, "dst", FlowField.TCP_DST, Kind.NUMBER, 0, 0xffff),
        TCP_FLAGS(FlowItemType.TCP, "flags", FlowField.TCP_FLAGS, Kind.NUMBER, 0, 0xff),
        ICMP_TYPE(FlowItemType.ICMP, "type", FlowField.ICMP_TYPE, Kind.NUMBER, 0, 0xff),
        ICMP_CODE(FlowItemType.ICMP, "code", FlowField.ICMP_CODE, Kind.NUMBER, 0, 0xff),
        ICMP6_TYPE(FlowItemType.ICMP6, "type", FlowField.ICMP6_TYPE, Kind.NUMBER, 0, 0xff),
        ICMP6_CODE(FlowItemType.ICMP6, "code", FlowField.ICMP6_CODE, Kind.NUMBER, 0, 0xff);

        enum Kind { MAC, IPV4, NUMBER }

        final FlowItemType item;
        final String name;
        final FlowField field;
        final Kind kind;
        final int shift;
        final long mask;
        final boolean ipv6;

        SubField(FlowItemType item, String name, FlowField field, Kind kind, int shift, long mask) {
            this.item = item;
            this.name = name;
            this.field = field;
            this.kind = kind;
            this.shift = shift;
            this.mask = mask;
            this.ipv6 = field == null;
        }

        static SubField of(FlowItemType item, String name) {
            for (SubField s : values()) {
                if (s.item == item && s.name.equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Collects spec, mask and last of one field from its clauses (bit ranges merge). */
    private static final class FieldBuilder {
        private final FlowField field;
        private long spec;
        private long mask;
        private long last;
        private boolean ranged;
        private boolean masked;

        FieldBuilder(FlowField field) {
            this.field = field;
        }

        void spec(long value, long bits) {
            spec = spec & ~bits | value & bits;
        }

        void mask(long value, long bits) {
            mask = mask & ~bits | value & bits;
            masked = true;
        }

        void last(long value, long bits) {
            last = last & ~bits | value & bits;
            ranged = true;
        }

        FieldMatch build() {
            long m = masked ? mask : field.fullMask();
            return new FieldMatch(field, spec, m, ranged ? last : 0, ranged);
        }
    }
}
