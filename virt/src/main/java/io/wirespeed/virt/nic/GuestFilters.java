package io.wirespeed.virt.nic;

import io.wirespeed.virt.vf.XcastMode;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What a VF's driver asked for through the mailbox and the PF granted: its own MAC (when the PF
 * set none), its multicast groups, the VLANs it receives, its xcast mode. Immutable; a reset
 * returns to {@link #INITIAL}.
 */
record GuestFilters(long mac, long[] multicast, BitSet vlans, XcastMode xcast) {
    static final GuestFilters INITIAL = new GuestFilters(0, new long[0], new BitSet(), XcastMode.MULTI);

    GuestFilters {
        multicast = multicast.clone();
        vlans = (BitSet) vlans.clone();
    }

    @Override
    public long[] multicast() {
        return multicast.clone();
    }

    @Override
    public BitSet vlans() {
        return (BitSet) vlans.clone();
    }

    boolean acceptsVlan(int vid) {
        return vlans.get(vid);
    }

    int vlanCount() {
        return vlans.cardinality();
    }

    GuestFilters withMac(long m) {
        return new GuestFilters(m, multicast, vlans, xcast);
    }

    GuestFilters withMulticast(long[] groups) {
        return new GuestFilters(mac, groups, vlans, xcast);
    }

    GuestFilters withVlan(int vid, boolean on) {
        BitSet v = (BitSet) vlans.clone();
        v.set(vid, on);
        return new GuestFilters(mac, multicast, v, xcast);
    }

    GuestFilters withXcast(XcastMode mode) {
        return new GuestFilters(mac, multicast, vlans, mode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuestFilters g && mac == g.mac && Arrays.equals(multicast, g.multicast)
                && vlans.equals(g.vlans) && xcast == g.xcast;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mac) * 31 + Arrays.hashCode(multicast);
    }
}
