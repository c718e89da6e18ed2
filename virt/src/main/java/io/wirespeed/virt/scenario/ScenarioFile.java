package io.wirespeed.virt.scenario;

import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.LinkState;
import io.wirespeed.virt.nic.NicConfig;
import io.wirespeed.virt.nic.SwitchMode;
import io.wirespeed.virt.nic.VlanProto;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.VfPortBackend;
import io.wirespeed.virt.vf.XcastMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a host scenario from YAML (the schema is in docs/NIC.md). Every mistake is one
 * {@link IllegalArgumentException} line naming the file and the key, e.g.
 * {@code s.yaml: guests.b.frames[0].size: 0 is outside 1..2048}.
 */
public final class ScenarioFile {
    /** Where wire traffic comes from when a flow names no source. */
    public static final long DEFAULT_WIRE_SOURCE = 0x02_00_00_00_99_01L;
    static final long DEFAULT_DURATION_NANOS = 10_000_000_000L;
    static final long MAX_DURATION_NANOS = 3_600_000_000_000L;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern VF_ATTACH = Pattern.compile("vf(\\d+)");

    private ScenarioFile() {
    }

    /** Reads and checks {@code file}. */
    public static Scenario read(Path file) {
        String text;
        text = YamlMap.readText(file, "no such scenario file");
        return parse(text, file.toString());
    }

    /** Parses scenario text; {@code source} names it in error messages. */
    public static Scenario parse(String text, String source) {
        Object document = YamlMap.load(text, source);
        try {
            return scenario(YamlMap.of("", document));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Scenario scenario(YamlMap root) {
        root.finish("nic", "vfs", "guests", "traffic", "duration");
        YamlMap nic = root.map("nic");
        nic.finish("name", "speed", "uplink", "totalvfs", "numvfs", "switch", "default_pool", "queues", "interrupt_interval");
        NicConfig config = nicConfig(nic);
        String uplink = nic.string("uplink", Scenario.GENERATOR);
        String name = nic.string("name", Scenario.DEFAULT_NAME);
        if (!NAME.matcher(name).matches()) {
            throw YamlMap.error(nic.at("name"), "'" + name + "' must be letters, digits, '-' or '_' (it names a socket file)");
        }

        List<VfSection> vfs = vfSections(root.map("vfs"));
        List<GuestSpec> guests = guests(root.map("guests"), config);
        int highest = -1;
        for (VfSection v : vfs) {
            highest = Math.max(highest, v.vf());
        }
        for (GuestSpec g : guests) {
            highest = Math.max(highest, g.vf());
        }
        int numVfs = (int) nic.integer("numvfs", highest + 1, 0, config.totalVfs());
        for (VfSection v : vfs) {
            if (v.vf() >= numVfs) {
                throw YamlMap.error("vfs." + v.vf(), "VF " + v.vf() + " does not exist: numvfs is " + numVfs);
            }
        }
        for (GuestSpec g : guests) {
            if (g.vf() >= numVfs) {
                throw YamlMap.error("guests." + g.name() + ".attach", "VF " + g.vf() + " does not exist: numvfs is "
                        + numVfs);
            }
        }

        List<FlowSpec> traffic = flows("traffic", root.list("traffic"), DEFAULT_WIRE_SOURCE);
        if (!Scenario.GENERATOR.equals(uplink) && !traffic.isEmpty()) {
            throw YamlMap.error("traffic", "frames come from the uplink " + uplink
                    + "; traffic is for uplink: generator");
        }
        long duration = root.has("duration") ? duration("duration", root.raw("duration"), MAX_DURATION_NANOS)
                : DEFAULT_DURATION_NANOS;
        if (duration == 0) {
            throw YamlMap.error("duration", "must be more than 0");
        }
        return new Scenario(name, config, uplink, numVfs, vfs, guests, traffic, duration);
    }

    private static NicConfig nicConfig(YamlMap nic) {
        NicConfig d = NicConfig.defaults();
        long speed = d.linkBitsPerSecond();
        if (nic.has("speed")) {
            try {
                speed = NicConfig.parseSpeed(nic.string("speed", null));
            } catch (IllegalArgumentException e) {
                throw YamlMap.error(nic.at("speed"), e.getMessage());
            }
        }
        int totalVfs = (int) nic.integer("totalvfs", d.totalVfs(), 0, NicConfig.MAX_TOTAL_VFS);
        int queues = (int) nic.integer("queues", d.queuesPerVf(), 1, EmulatedNic.MAX_QUEUES_PER_FUNCTION);
        SwitchMode mode = SwitchMode.parse(nic.word("switch", "veb", "veb", "vepa"));
        boolean defaultToPf = nic.word("default_pool", "drop", "drop", "pf").equals("pf");
        long interval = nic.has("interrupt_interval")
                ? duration(nic.at("interrupt_interval"), nic.raw("interrupt_interval"), 1_000_000_000L)
                : d.interruptIntervalNanos();
        return new NicConfig(speed, totalVfs, queues, mode, defaultToPf, interval, d.pfMac());
    }

    private static List<VfSection> vfSections(YamlMap vfs) {
        List<VfSection> out = new ArrayList<>();
        for (String key : vfs.keys()) {
            int vf;
            try {
                vf = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw YamlMap.error(vfs.at(key), "VFs are numbered (0, 1, ...), not named");
            }
            if (vf < 0) {
                throw YamlMap.error(vfs.at(key), "VF numbers start at 0");
            }
            YamlMap v = vfs.map(key);
            v.finish("mac", "vlan", "qos", "proto", "max_tx_rate", "min_tx_rate", "spoofchk", "trust", "state", "query_rss");
            Long mac = v.has("mac") ? v.mac("mac", 0) : null;
            Integer vlan = v.has("vlan") ? (int) v.integer("vlan", 0, 0, 4095) : null;
            Integer qos = v.has("qos") ? (int) v.integer("qos", 0, 0, 7) : null;
            VlanProto proto = v.has("proto") ? parse(v.at("proto"), () -> VlanProto.parse(v.string("proto", null))) : null;
            Integer max = v.has("max_tx_rate") ? (int) v.integer("max_tx_rate", 0, 0, Integer.MAX_VALUE) : null;
            Integer min = v.has("min_tx_rate") ? (int) v.integer("min_tx_rate", 0, 0, Integer.MAX_VALUE) : null;
            Boolean spoof = v.has("spoofchk") ? v.onOff("spoofchk", true) : null;
            Boolean trust = v.has("trust") ? v.onOff("trust", false) : null;
            LinkState state = v.has("state") ? LinkState.parse(v.word("state", "auto", "auto", "enable", "disable")) : null;
            Boolean queryRss = v.has("query_rss") ? v.onOff("query_rss", false) : null;
            out.add(new VfSection(vf, mac, vlan, qos, proto, max, min, spoof, trust, state, queryRss));
        }
        return out;
    }

    private static List<GuestSpec> guests(YamlMap guests, NicConfig nic) {
        List<GuestSpec> out = new ArrayList<>();
        Map<Integer, String> taken = new HashMap<>();
        for (String name : guests.keys()) {
            YamlMap g = guests.map(name);
            g.finish("attach", "mode", "app", "queues", "descriptors", "requests", "frames");
            String attach = g.string("attach", null);
            if (attach == null) {
                throw YamlMap.error(g.at("attach"), "missing: the function the guest uses (vf0, vf1, ... or pf)");
            }
            int vf = attachment(g.at("attach"), attach);
            String other = taken.putIfAbsent(vf, name);
            if (other != null) {
                throw YamlMap.error(g.at("attach"), attach + " is already guest " + other + "'s: one guest per function");
            }
            GuestSpec.Mode mode = GuestSpec.Mode.valueOf(g.word("mode", "poll", "poll", "interrupt", "adaptive").toUpperCase(Locale.ROOT));
            GuestSpec.App app = GuestSpec.App.valueOf(g.word("app", "rxonly", "rxonly", "txonly", "macswap", "l2fwd", "l3fwd").toUpperCase(Locale.ROOT));
            int queues = (int) g.integer("queues", 1, 1, nic.queuesPerVf());
            int descriptors = (int) g.integer("descriptors", GuestSpec.DEFAULT_DESCRIPTORS, VfPortBackend.MIN_DESCRIPTORS,
                    VfPortBackend.MAX_DESCRIPTORS);
            if (Integer.bitCount(descriptors) != 1) {
                throw YamlMap.error(g.at("descriptors"), descriptors + " is not a power of two");
            }
            List<MailboxRequest> requests = requests(g.at("requests"), g.list("requests"));
            List<FlowSpec> frames = flows(g.at("frames"), g.list("frames"), 0);
            if (app == GuestSpec.App.TXONLY && frames.isEmpty()) {
                throw YamlMap.error(g.at("frames"), "a txonly guest needs frames to send");
            }
            if (app != GuestSpec.App.TXONLY && !frames.isEmpty()) {
                throw YamlMap.error(g.at("frames"), "only a txonly guest sends frames of its own (app: txonly)");
            }
            out.add(new GuestSpec(name, vf, mode, app, queues, descriptors, requests, frames));
        }
        return out;
    }

    private static int attachment(String path, String text) {
        if (text.equalsIgnoreCase("pf")) {
            return GuestSpec.PF;
        }
        Matcher m = VF_ATTACH.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw YamlMap.error(path, "'" + text + "' is not vfN or pf");
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw YamlMap.error(path, "'" + text + "': no such VF number");
        }
    }

    private static List<MailboxRequest> requests(String path, List<Object> items) {
        List<MailboxRequest> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap r = YamlMap.of(path + "[" + i + "]", items.get(i));
            List<String> keys = r.keys();
            if (keys.size() != 1) {
                throw YamlMap.error(r.path(), "one request per item, e.g. {promisc: on} (got " + keys.size() + " keys)");
            }
            String key = keys.getFirst();
            out.add(switch (key) {
                case "promisc" -> new MailboxRequest.SetXcast(r.onOff(key, false) ? XcastMode.PROMISC : XcastMode.MULTI);
                case "allmulti" -> new MailboxRequest.SetXcast(r.onOff(key, false) ? XcastMode.ALLMULTI : XcastMode.MULTI);
                case "mac" -> new MailboxRequest.SetMac(r.mac(key, 0));
                case "vlan" -> new MailboxRequest.SetVlan((int) r.integer(key, 0, 1, 4095), true);
                case "multicast" -> new MailboxRequest.SetMulticast(macs(r.at(key), r.list(key)));
                case "get" -> switch (r.word(key, null, "queues", "rss_key", "reta")) {
                    case "queues" -> new MailboxRequest.GetQueues();
                    case "rss_key" -> new MailboxRequest.GetRssKey();
                    default -> new MailboxRequest.GetReta();
                };
                default -> throw YamlMap.error(r.at(key), "unknown request (requests are promisc, allmulti, mac, vlan,"
                        + " multicast, get)");
            });
        }
        return out;
    }

    private static long[] macs(String path, List<Object> items) {
        if (items.size() > EmulatedNic.MAX_MULTICAST_GROUPS) {
            throw YamlMap.error(path, items.size() + " groups: the mailbox carries at most "
                    + EmulatedNic.MAX_MULTICAST_GROUPS);
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            String text = String.valueOf(items.get(i));
            out[i] = parse(path + "[" + i + "]", () -> MacAddress.parse(text));
        }
        return out;
    }

    /** Flows of frames; {@code defaultSource} for a flow without {@code src} (0: the sender's own MAC). */
    private static List<FlowSpec> flows(String path, List<Object> items, long defaultSource) {
        List<FlowSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap f = YamlMap.of(path + "[" + i + "]", items.get(i));
            f.finish("dst", "src", "vlan", "proto", "inner_vlan", "qos", "size", "count", "rate_pps");
            if (!f.has("dst")) {
                throw YamlMap.error(f.at("dst"), "missing: the frames' destination MAC");
            }
            long dst = f.mac("dst", 0);
            long src = f.mac("src", defaultSource);
            int vlan = (int) f.integer("vlan", 0, 0, 4095);
            int tpid = f.has("proto") ? parse(f.at("proto"), () -> VlanProto.parse(f.string("proto", null))).tpid() : 0x8100;
            int inner = (int) f.integer("inner_vlan", 0, 0, 4095);
            int qos = (int) f.integer("qos", 0, 0, 7);
            int size = (int) f.integer("size", 64, 1, FlowSpec.MAX_SIZE);
            long count = f.integer("count", 1000, 0, Long.MAX_VALUE);
            long rate = f.integer("rate_pps", 0, 0, Long.MAX_VALUE);
            FlowSpec spec = parse(f.path(), () -> new FlowSpec(dst, src, vlan, tpid, inner, qos, size, count, rate));
            out.add(spec);
        }
        return out;
    }

    /** A duration: a number of seconds, or a number with ns, us, ms, s or m. */
    static long duration(String path, Object value, long max) {
        String text = String.valueOf(value).trim();
        Matcher m = DURATION.matcher(text);
        if (value instanceof Boolean || !m.matches()) {
            throw YamlMap.error(path, "'" + text + "' is not a duration (e.g. 5s, 500ms, 20us, 2m)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos = number * switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "m" -> 60e9;
            default -> 1e9;
        };
        if (nanos > max) {
            throw YamlMap.error(path, text + " is longer than " + (max / 1_000_000_000L) + " s");
        }
        return (long) nanos;
    }

    private static <T> T parse(String path, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw YamlMap.error(path, e.getMessage());
        }
    }
}
