package io.wirespeed.virt.nic;

import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.vf.XcastMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PF's administration of its VFs, with the words and rules of Linux ({@code sriov_numvfs},
 * {@code ip link set dev PF vf N ...}). Every operation validates all its arguments before it
 * changes anything: a refused one throws {@link IllegalArgumentException} with one line and
 * leaves the NIC as it was.
 */
public final class PhysicalFunction {
    private final EmulatedNic nic;

    PhysicalFunction(EmulatedNic nic) {
        this.nic = nic;
    }

    public int totalVfs() {
        return nic.config().totalVfs();
    }

    public int numVfs() {
        synchronized (nic.lock()) {
            return nic.numVfs();
        }
    }

    /**
     * Creates {@code n} VFs, or removes them all with 0. As with sriov_numvfs, a NIC that has VFs
     * changes to another non-zero count only through 0.
     */
    public void numVfs(int n) {
        List<NicFunction> removed = new ArrayList<>();
        synchronized (nic.lock()) {
            int current = nic.numVfs();
            if (n < 0 || n > totalVfs()) {
                throw new IllegalArgumentException("numvfs " + n + " is outside 0..totalvfs (" + totalVfs() + ")");
            }
            if (n == current) {
                return;
            }
            if (current != 0 && n != 0) {
                throw new IllegalArgumentException("numvfs is " + current + ": set it to 0 before changing it to " + n
                        + " (as sriov_numvfs requires)");
            }
            if (n == 0) {
                for (int i = 0; i < current; i++) {
                    removed.add(nic.vfSlots()[i]);
                }
            }
            nic.setNumVfs(n);
        }
        nic.awaitQuiescence();
        for (NicFunction f : removed) {
            f.countUnsent();
        }
    }

    void checkVf(int vf) {
        int n = nic.numVfs();
        if (vf < 0 || vf >= n) {
            throw new IllegalArgumentException("VF " + vf + " does not exist: numvfs is " + n
                    + (n == 0 ? " (set numvfs first)" : " (VFs 0.." + (n - 1) + ")"));
        }
    }

    /** Throws the one-line error {@link #checkVf} gives when VF {@code vf} does not exist. */
    void checkVfExists(int vf) {
        synchronized (nic.lock()) {
            checkVf(vf);
        }
    }

    /** Puts back settings a failed multi-setting command had already changed (all were valid then). */
    void restore(int vf, VfSettings settings) {
        synchronized (nic.lock()) {
            if (vf < nic.numVfs()) {
                function(vf).settings(settings);
                nic.republish();
            }
        }
        nic.awaitQuiescence();
    }

    private NicFunction function(int vf) {
        checkVf(vf);
        return nic.vfSlots()[vf];
    }

    public VfSettings settings(int vf) {
        synchronized (nic.lock()) {
            return function(vf).settings();
        }
    }

    /** {@code vf N mac ADDR}: 00:00:00:00:00:00 clears the PF's choice. */
    public void mac(int vf, long mac) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            if (mac != 0 && !MacAddress.isUnicast(mac)) {
                throw new IllegalArgumentException("VF " + vf + ": " + MacAddress.format(mac) + " is a multicast address");
            }
            f.settings(f.settings().withMac(mac));
            nic.republish();
        }
    }

    /** {@code vf N vlan VID [qos Q] [proto 802.1Q|802.1ad]}: VID 0 removes the port VLAN. */
    public void vlan(int vf, int vid, int qos, VlanProto proto) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            if (vid < 0 || vid > 4095) {
                throw new IllegalArgumentException("VF " + vf + ": VLAN " + vid + " is outside 0..4095");
            }
            if (qos < 0 || qos > 7) {
                throw new IllegalArgumentException("VF " + vf + ": qos " + qos + " is outside 0..7");
            }
            if (vid == 0 && qos != 0) {
                throw new IllegalArgumentException("VF " + vf + ": qos needs a VLAN (vlan 0 removes the port VLAN)");
            }
            f.settings(f.settings().withVlan(vid, qos, proto));
            nic.republish();
        }
        nic.awaitQuiescence();
    }

    /** {@code vf N max_tx_rate M min_tx_rate m} in Mbps; 0 lifts a limit. */
    public void rate(int vf, int maxMbps, int minMbps) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            int speed = nic.config().speedMbps();
            if (maxMbps < 0 || maxMbps > speed) {
                throw new IllegalArgumentException("VF " + vf + ": max_tx_rate " + maxMbps + " is outside 0.." + speed
                        + " Mbps (the link speed)");
            }
            if (minMbps < 0 || minMbps > speed) {
                throw new IllegalArgumentException("VF " + vf + ": min_tx_rate " + minMbps + " is outside 0.." + speed + " Mbps");
            }
            if (maxMbps != 0 && minMbps > maxMbps) {
                throw new IllegalArgumentException("VF " + vf + ": min_tx_rate " + minMbps + " exceeds max_tx_rate " + maxMbps);
            }
            long guaranteed = minMbps;
            for (int i = 0; i < nic.numVfs(); i++) {
                guaranteed += i == vf ? 0 : nic.vfSlots()[i].settings().minTxRateMbps();
            }
            if (guaranteed > speed) {
                throw new IllegalArgumentException("VF " + vf + ": min_tx_rate " + minMbps + " would guarantee the VFs "
                        + guaranteed + " Mbps in all, more than the link's " + speed);
            }
            f.settings(f.settings().withRates(maxMbps, minMbps));
            nic.republish();
        }
    }

    public void spoofCheck(int vf, boolean on) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            f.settings(f.settings().withSpoofCheck(on));
            nic.republish();
        }
    }

    /** Trust off also takes back what only trust allowed: an xcast mode wider than multi. */
    public void trust(int vf, boolean on) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            f.settings(f.settings().withTrust(on));
            if (!on && f.filters().xcast().compareTo(XcastMode.MULTI) > 0) {
                f.filters(f.filters().withXcast(XcastMode.MULTI));
            }
            nic.republish();
        }
    }

    public void linkState(int vf, LinkState state) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            f.settings(f.settings().withLinkState(state));
            nic.republish();
        }
        nic.awaitQuiescence();
    }

    public void queryRss(int vf, boolean on) {
        synchronized (nic.lock()) {
            NicFunction f = function(vf);
            f.settings(f.settings().withQueryRss(on));
            nic.republish();
        }
    }

    /** The PF and its VFs as {@code ip link show} prints them, one {@code vf N} line per VF. */
    public String show() {
        synchronized (nic.lock()) {
            StringBuilder out = new StringBuilder();
            NicConfig c = nic.config();
            out.append("pf: <").append(nic.uplinkUp() ? "UP,LOWER_UP" : "NO-CARRIER").append("> speed ")
                    .append(c.speedMbps()).append("Mb/s switch ").append(c.switchMode().word())
                    .append(" numvfs ").append(nic.numVfs()).append(" totalvfs ").append(c.totalVfs()).append('\n');
            out.append("    link/ether ").append(MacAddress.format(c.pfMac())).append('\n');
            for (int i = 0; i < nic.numVfs(); i++) {
                NicFunction f = nic.vfSlots()[i];
                VfSettings s = f.settings();
                out.append("    vf ").append(i).append("     link/ether ").append(MacAddress.format(f.effectiveMac()));
                if (s.vlan() != 0) {
                    out.append(", vlan ").append(s.vlan());
                    if (s.qos() != 0) {
                        out.append(", qos ").append(s.qos());
                    }
                    if (s.proto() != VlanProto.DOT1Q) {
                        out.append(", vlan protocol ").append(s.proto().word());
                    }
                }
                out.append(", spoof checking ").append(onOff(s.spoofCheck()))
                        .append(", link-state ").append(s.linkState().word())
                        .append(", trust ").append(onOff(s.trust()))
                        .append(", query_rss ").append(onOff(s.queryRss()));
                if (s.maxTxRateMbps() != 0 || s.minTxRateMbps() != 0) {
                    out.append(", max_tx_rate ").append(s.maxTxRateMbps()).append("Mbps, min_tx_rate ")
                            .append(s.minTxRateMbps()).append("Mbps");
                }
                out.append(f.started() ? ", driver up" : ", driver down");
                out.append('\n');
            }
            return out.toString();
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** Parses {@code on} / {@code off} as ip link does. */
    static boolean parseOnOff(String what, String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(what + " must be on or off (got '" + word + "')");
        };
    }
}
