package io.wirespeed.virt.scenario;

import io.wirespeed.virt.nic.LinkState;
import io.wirespeed.virt.nic.PhysicalFunction;
import io.wirespeed.virt.nic.VlanProto;

/**
 * The PF's settings for one VF, in {@code ip link set dev PF vf N ...} words; a null field is left
 * at Linux's default.
 *
 * @param maxTxRateMbps {@code max_tx_rate}, 0 for no limit
 * @param minTxRateMbps {@code min_tx_rate}, 0 for no guarantee
 */
public record VfSection(int vf, Long mac, Integer vlan, Integer qos, VlanProto proto, Integer maxTxRateMbps,
                        Integer minTxRateMbps, Boolean spoofCheck, Boolean trust, LinkState state, Boolean queryRss) {
    /** Applies the settings in the order ip link would: MAC, VLAN, rates, then the switches. */
    void applyTo(PhysicalFunction pf) {
        if (mac != null) {
            pf.mac(vf, mac);
        }
        if (vlan != null || qos != null || proto != null) {
            pf.vlan(vf, vlan == null ? 0 : vlan, qos == null ? 0 : qos, proto == null ? VlanProto.DOT1Q : proto);
        }
        if (maxTxRateMbps != null || minTxRateMbps != null) {
            pf.rate(vf, maxTxRateMbps == null ? 0 : maxTxRateMbps, minTxRateMbps == null ? 0 : minTxRateMbps);
        }
        if (spoofCheck != null) {
            pf.spoofCheck(vf, spoofCheck);
        }
        if (trust != null) {
            pf.trust(vf, trust);
        }
        if (queryRss != null) {
            pf.queryRss(vf, queryRss);
        }
        if (state != null) {
            pf.linkState(vf, state);
        }
    }
}
