package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.Driver;
import io.wirespeed.ethdev.PortBackend;
import java.util.Locale;
import java.util.Set;

/**
 * {@code net_pcap}: a port whose wire is a pair of capture files, as DPDK's net_pcap. Receiving
 * reads {@code rx_pcap} (classic pcap or pcapng, mapped, each frame copied straight into an
 * mbuf) once, or forever with {@code infinite_rx=1}; transmitting writes {@code tx_pcap}
 * (nanosecond pcap, or pcapng when the name ends in .pcapng) or {@code tx_pcapng}, cutting frames
 * at {@code snaplen}. Live capture (DPDK's rx_iface/tx_iface/iface) is net_af_packet's job.
 */
public final class PcapDriver implements Driver {
    static final int DEFAULT_SNAPLEN = 65_535;
    /** DPDK's live-capture keys: accepted by name only to say where that feature is. */
    private static final Set<String> LIVE_KEYS = Set.of("rx_iface", "rx_iface_in", "tx_iface", "iface");

    @Override
    public String name() {
        return "net_pcap";
    }

    @Override
    public Set<String> keys() {
        return Set.of("rx_pcap", "tx_pcap", "tx_pcapng", "infinite_rx", "snaplen", "rx_iface", "rx_iface_in", "tx_iface",
                "iface");
    }

    @Override
    public String description() {
        return "capture files: rx reads a pcap/pcapng file (once, or forever with infinite_rx=1), tx writes one";
    }

    @Override
    public PortBackend open(Devargs args) {
        String name = args.name();
        for (String key : LIVE_KEYS) {
            if (args.has(key)) {
                throw new IllegalArgumentException(name + ": " + key + " (live capture on an interface) is not supported by"
                        + " net_pcap; use net_af_packet0,iface=" + orDefault(args.string(key, ""), "eth0") + " instead");
            }
        }
        String rxFile = file(args, "rx_pcap");
        String txPcap = file(args, "tx_pcap");
        String txPcapng = file(args, "tx_pcapng");
        if (txPcap != null && txPcapng != null) {
            throw new IllegalArgumentException(name + ": give tx_pcap or tx_pcapng, not both (a port writes one file)");
        }
        if (rxFile == null && txPcap == null && txPcapng == null) {
            throw new IllegalArgumentException(name + ": give rx_pcap=FILE to read, tx_pcap=FILE (or tx_pcapng=FILE) to write,"
                    + " or both");
        }
        boolean infinite = args.flag("infinite_rx", false);
        if (infinite && rxFile == null) {
            throw new IllegalArgumentException(name + ": infinite_rx=1 replays rx_pcap, which is not given");
        }
        if (args.has("snaplen") && txPcap == null && txPcapng == null) {
            throw new IllegalArgumentException(name + ": snaplen cuts the frames tx_pcap/tx_pcapng writes, and neither is given");
        }
        int snaplen = args.intValue("snaplen", DEFAULT_SNAPLEN, 1, CaptureFormat.MAX_FRAME);
        String txFile = txPcapng != null ? txPcapng : txPcap;
        boolean pcapng = txPcapng != null || txPcap != null && txPcap.toLowerCase(Locale.ROOT).endsWith(".pcapng");
        return PcapBackend.open(name, rxFile, infinite, txFile, pcapng, snaplen);
    }

    private static String file(Devargs args, String key) {
        return args.has(key) ? args.requiredString(key) : null;
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
