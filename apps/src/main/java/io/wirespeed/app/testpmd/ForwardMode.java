package io.wirespeed.app.testpmd;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** testpmd's forwarding modes, by their DPDK names. */
public enum ForwardMode {
    IO("io", "forwards packets as they are"),
    MAC("mac", "rewrites source MAC to the tx port's and destination MAC to the peer's"),
    MACSWAP("macswap", "swaps source and destination MAC"),
    RXONLY("rxonly", "receives and frees"),
    TXONLY("txonly", "transmits generated UDP packets (--txpkts bytes)"),
    FLOWGEN("flowgen", "transmits UDP packets over many flows (--flowgen-flows)"),
    ICMPECHO("icmpecho", "answers ARP requests and ICMP echo requests, drops the rest");

    private final String dpdkName;
    private final String description;

    ForwardMode(String dpdkName, String description) {
        this.dpdkName = dpdkName;
        this.description = description;
    }

    public String dpdkName() {
        return dpdkName;
    }

    public String description() {
        return description;
    }

    /** Whether the mode makes packets rather than forwarding received ones. */
    public boolean generates() {
        return this == TXONLY || this == FLOWGEN;
    }

    public static ForwardMode parse(String name) {
        for (ForwardMode m : values()) {
            if (m.dpdkName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown forwarding mode '" + name + "' (valid: " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(ForwardMode::dpdkName).collect(Collectors.joining(", "));
    }
}
