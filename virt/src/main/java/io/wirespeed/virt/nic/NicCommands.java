package io.wirespeed.virt.nic;

import io.wirespeed.net.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The PF's administration as text commands, in {@code ip link} words: what {@code wirespeed nic}
 * sends to a running NIC. A command either applies whole or not at all: a bad word, value or
 * refused setting throws {@link IllegalArgumentException} with one line and leaves the NIC as it
 * was (settings applied earlier in the same command are put back).
 *
 * <pre>
 * show                               the PF and its VFs (ip link show), with counters
 * numvfs N                           sriov_numvfs: 0..totalvfs, from N to M only through 0
 * vf N SETTING...                    mac MAC | vlan VID [qos Q] [proto 802.1Q|802.1ad] |
 *                                    max_tx_rate MBPS | min_tx_rate MBPS | rate MBPS |
 *                                    spoofchk on|off | trust on|off | state auto|enable|disable |
 *                                    query_rss on|off
 * </pre>
 */
public final class NicCommands {
    public static final String USAGE = "commands: show | numvfs N | vf N (mac MAC | vlan VID [qos Q] [proto 802.1Q|802.1ad]"
            + " | max_tx_rate MBPS | min_tx_rate MBPS | rate MBPS | spoofchk on|off | trust on|off"
            + " | state auto|enable|disable | query_rss on|off)...";

    private final EmulatedNic nic;

    public NicCommands(EmulatedNic nic) {
        this.nic = nic;
    }

    /** Runs one command line; returns what it prints (possibly empty). */
    public String execute(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("no command (" + USAGE + ")");
        }
        return switch (words[0].toLowerCase(Locale.ROOT)) {
            case "show" -> {
                expectEnd(words, 1);
                yield nic.pf().show() + counters();
            }
            case "numvfs" -> {
                expectEnd(words, 2);
                nic.pf().numVfs(integer(words, 1, "numvfs"));
                yield "";
            }
            case "vf" -> {
                vf(words);
                yield "";
            }
            case "help" -> USAGE + "\n";
            default -> throw new IllegalArgumentException("unknown command '" + words[0] + "' (" + USAGE + ")");
        };
    }

    private void vf(String[] words) {
        int vf = integer(words, 1, "vf");
        nic.pf().checkVfExists(vf);
        if (words.length == 2) {
            throw new IllegalArgumentException("vf " + vf + ": which setting? (" + USAGE + ")");
        }
        PhysicalFunction pf = nic.pf();
        List<Consumer<PhysicalFunction>> steps = new ArrayList<>();
        int at = 2;
        while (at < words.length) {
            String key = words[at].toLowerCase(Locale.ROOT);
            switch (key) {
                case "mac" -> {
                    long mac = MacAddress.parse(value(words, at));
                    steps.add(p -> p.mac(vf, mac));
                    at += 2;
                }
                case "vlan" -> {
                    int vid = integer(words, at + 1, "vlan");
                    int qos = 0;
                    VlanProto proto = VlanProto.DOT1Q;
                    at += 2;
                    while (at < words.length) {
                        if (words[at].equalsIgnoreCase("qos")) {
                            qos = integer(words, at + 1, "qos");
                        } else if (words[at].equalsIgnoreCase("proto")) {
                            proto = VlanProto.parse(value(words, at));
                        } else {
                            break;
                        }
                        at += 2;
                    }
                    int q = qos;
                    VlanProto pr = proto;
                    steps.add(p -> p.vlan(vf, vid, q, pr));
                }
                case "max_tx_rate", "rate" -> {
                    int max = integer(words, at + 1, key);
                    steps.add(p -> p.rate(vf, max, p.settings(vf).minTxRateMbps()));
                    at += 2;
                }
                case "min_tx_rate" -> {
                    int min = integer(words, at + 1, key);
                    steps.add(p -> p.rate(vf, p.settings(vf).maxTxRateMbps(), min));
                    at += 2;
                }
                case "spoofchk" -> {
                    boolean on = PhysicalFunction.parseOnOff(key, value(words, at));
                    steps.add(p -> p.spoofCheck(vf, on));
                    at += 2;
                }
                case "trust" -> {
                    boolean on = PhysicalFunction.parseOnOff(key, value(words, at));
                    steps.add(p -> p.trust(vf, on));
                    at += 2;
                }
                case "query_rss" -> {
                    boolean on = PhysicalFunction.parseOnOff(key, value(words, at));
                    steps.add(p -> p.queryRss(vf, on));
                    at += 2;
                }
                case "state" -> {
                    LinkState state = LinkState.parse(value(words, at));
                    steps.add(p -> p.linkState(vf, state));
                    at += 2;
                }
                default -> throw new IllegalArgumentException("vf " + vf + ": unknown setting '" + words[at] + "' ("
                        + USAGE + ")");
            }
        }
        VfSettings before = pf.settings(vf);
        try {
            for (Consumer<PhysicalFunction> step : steps) {
                step.accept(pf);
            }
        } catch (IllegalArgumentException e) {
            pf.restore(vf, before);
            throw e;
        }
    }

    /** Per function: what the NIC delivered, sent and dropped (ip -s link's counters). */
    private String counters() {
        StringBuilder out = new StringBuilder();
        FunctionStats up = nic.uplinkStats();
        out.append(String.format(Locale.ROOT, "uplink: rx %d packets %d bytes, tx %d packets %d bytes%n",
                up.rxPackets(), up.rxBytes(), up.txPackets(), up.txBytes()));
        for (NicFunction f : nic.functionsEver()) {
            FunctionStats s = f.stats();
            out.append(String.format(Locale.ROOT, "%s%s: rx %d packets %d bytes, tx %d packets %d bytes, interrupts %d",
                    f.name(), f.removed() ? " (removed)" : "", s.rxPackets(), s.rxBytes(), s.txPackets(), s.txBytes(),
                    s.interrupts()));
            s.dropsByReason().forEach((r, n) -> out.append(", ").append(r.key()).append(' ').append(n));
            out.append('\n');
        }
        FunctionStats n = nic.nicStats();
        out.append("nic: replicas ").append(n.replicas());
        n.dropsByReason().forEach((r, c) -> out.append(", ").append(r.key()).append(' ').append(c));
        return out.append('\n').toString();
    }

    private static String value(String[] words, int at) {
        if (at + 1 >= words.length) {
            throw new IllegalArgumentException("'" + words[at] + "' needs a value");
        }
        return words[at + 1];
    }

    private static int integer(String[] words, int at, String what) {
        if (at >= words.length) {
            throw new IllegalArgumentException("'" + what + "' needs a number");
        }
        try {
            return Integer.parseInt(words[at]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number (got '" + words[at] + "')");
        }
    }

    private static void expectEnd(String[] words, int length) {
        if (words.length > length) {
            throw new IllegalArgumentException("'" + words[0] + "' takes " + (length - 1) + " argument"
                    + (length == 2 ? "" : "s") + " (got '" + String.join(" ", words) + "')");
        }
        if (words.length < length) {
            throw new IllegalArgumentException("'" + words[0] + "' needs an argument");
        }
    }
}
