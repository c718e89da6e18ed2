package io.wirespeed.virt.nic;

/**
 * What the PF set for one VF, in {@code ip link set dev PF vf N ...} terms. Immutable: the PF
 * replaces the whole record, and the NIC's forwarding table is rebuilt from it.
 *
 * @param mac the address the PF gave the VF, 0 when it set none (the VF's driver then picks one)
 * @param vlan the port VLAN, 0 for none: inserted on transmit, stripped on receive
 * @param qos the priority (PCP) of the port VLAN tag
 * @param maxTxRateMbps 0 for no limit
 * @param minTxRateMbps 0 for no guarantee
 */
public record VfSettings(long mac, int vlan, int qos, VlanProto proto, int maxTxRateMbps, int minTxRateMbps,
                         boolean spoofCheck, boolean trust, LinkState linkState, boolean queryRss) {
    /** Linux's defaults for a new VF: no MAC, no VLAN, no limits, spoof checking on, untrusted. */
    public static final VfSettings DEFAULT = new VfSettings(0, 0, 0, VlanProto.DOT1Q, 0, 0, true, false, LinkState.AUTO,
            false);

    public VfSettings withMac(long m) {
        return new VfSettings(m, vlan, qos, proto, maxTxRateMbps, minTxRateMbps, spoofCheck, trust, linkState, queryRss);
    }

    public VfSettings withVlan(int v, int q, VlanProto p) {
        return new VfSettings(mac, v, q, p, maxTxRateMbps, minTxRateMbps, spoofCheck, trust, linkState, queryRss);
    }

    public VfSettings withRates(int max, int min) {
        return new VfSettings(mac, vlan, qos, proto, max, min, spoofCheck, trust, linkState, queryRss);
    }

    public VfSettings withSpoofCheck(boolean on) {
        return new VfSettings(mac, vlan, qos, proto, maxTxRateMbps, minTxRateMbps, on, trust, linkState, queryRss);
    }

    public VfSettings withTrust(boolean on) {
        return new VfSettings(mac, vlan, qos, proto, maxTxRateMbps, minTxRateMbps, spoofCheck, on, linkState, queryRss);
    }

    public VfSettings withLinkState(LinkState s) {
        return new VfSettings(mac, vlan, qos, proto, maxTxRateMbps, minTxRateMbps, spoofCheck, trust, s, queryRss);
    }

    public VfSettings withQueryRss(boolean on) {
        return new VfSettings(mac, vlan, qos, proto, maxTxRateMbps, minTxRateMbps, spoofCheck, trust, linkState, on);
    }
}
