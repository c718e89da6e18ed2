package io.wirespeed.virt.vswitch;

import java.util.Arrays;

/**
 * How a switch port treats 802.1Q tags (OVS's {@code vlan_mode=access|trunk}, a Linux bridge
 * port's VLAN list with its PVID).
 *
 * <ul>
 *   <li><b>access VID</b>: frames come in untagged (or priority-tagged, VID 0) and belong to VID;
 *       frames tagged with any other VID are dropped ({@code vlan_not_allowed}); frames go out
 *       untagged.</li>
 *   <li><b>trunk VIDS [native VID]</b>: frames come in tagged with one of VIDS; untagged (or
 *       priority-tagged) frames belong to the native VLAN, or are dropped when there is none;
 *       frames go out tagged, except the native VLAN's, which go out untagged.</li>
 * </ul>
 *
 * Immutable; the membership test is a bit in a 4096-bit set, so the data path asks it per frame.
 */
public final class VlanMode {
    /** Returned by {@link #classify} for a frame the port does not accept. */
    public static final int NOT_ALLOWED = -1;
    /** A {@code tagVid} for {@link #classify}: the frame carries no tag. */
    public static final int UNTAGGED = -1;
    /** {@link #untaggedVlan()} of a trunk without a native VLAN. */
    public static final int NONE = -1;
    public static final int MIN_VID = 1;
    /** 4095 is reserved by 802.1Q; 0 means "priority tag only". */
    public static final int MAX_VID = 4094;

    private final boolean access;
    /** The VLAN whose frames travel untagged on this port: the access VID or the native one. */
    private final int untaggedVlan;
    /** Bit v: VLAN v is carried by this port (tagged or untagged). */
    private final long[] carried = new long[64];

    private VlanMode(boolean access, int untaggedVlan, int[] taggedVids) {
        this.access = access;
        this.untaggedVlan = untaggedVlan;
        if (untaggedVlan != NONE) {
            set(checkVid(untaggedVlan));
        }
        for (int vid : taggedVids) {
            set(checkVid(vid));
        }
    }

    /** An access port of VLAN {@code vid}. */
    public static VlanMode access(int vid) {
        return new VlanMode(true, checkVid(vid), new int[0]);
    }

    /** A trunk carrying {@code vids} tagged, with no native VLAN: untagged frames are dropped. */
    public static VlanMode trunk(int... vids) {
        return trunkWithNative(NONE, vids);
    }

    /** A trunk carrying {@code vids} tagged and {@code nativeVid} untagged ({@link #NONE} for none). */
    public static VlanMode trunkWithNative(int nativeVid, int... vids) {
        if (vids.length == 0) {
            throw new IllegalArgumentException("a trunk needs at least one VLAN id");
        }
        return new VlanMode(false, nativeVid, vids);
    }

    private static int checkVid(int vid) {
        if (vid < MIN_VID || vid > MAX_VID) {
            throw new IllegalArgumentException("VLAN id " + vid + " is out of range " + MIN_VID + ".." + MAX_VID);
        }
        return vid;
    }

    private void set(int vid) {
        carried[vid >>> 6] |= 1L << vid;
    }

    /**
     * The VLAN a frame that arrives on this port belongs to, or {@link #NOT_ALLOWED}.
     *
     * @param tagVid the VID of the frame's 802.1Q tag, or {@link #UNTAGGED}; 0 (a priority tag)
     *               counts as untagged, as in 802.1Q
     */
    public int classify(int tagVid) {
        if (tagVid <= 0) {
            return untaggedVlan; // NONE == NOT_ALLOWED: a trunk without a native VLAN drops it
        }
        return !access && carries(tagVid) ? tagVid : NOT_ALLOWED; // a trunk takes its native VLAN tagged too
    }

    /** Whether frames of {@code vlan} go out on this port. */
    public boolean carries(int vlan) {
        return vlan >= 0 && vlan <= MAX_VID && (carried[vlan >>> 6] & 1L << vlan) != 0;
    }

    /**
     * The tag a frame of {@code vlan} (one this port carries) goes out with: the VID, or
     * {@link #UNTAGGED} for the access or native VLAN.
     */
    public int egressTag(int vlan) {
        return vlan == untaggedVlan ? UNTAGGED : vlan;
    }

    public boolean isAccess() {
        return access;
    }

    /** The access VLAN, the trunk's native VLAN, or {@link #NONE}. */
    public int untaggedVlan() {
        return untaggedVlan;
    }

    /** The VLANs carried, in order (the access VLAN alone for an access port). */
    public int[] vlans() {
        int[] out = new int[MAX_VID + 1];
        int n = 0;
        for (int v = MIN_VID; v <= MAX_VID; v++) {
            if (carries(v)) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Parses the command line's form: {@code access:VID}, or {@code trunk:VIDS[:native=VID]} where
     * VIDS is a comma list of ids and ranges ({@code 10,20-29}). The native VLAN need not be in
     * VIDS.
     */
    public static VlanMode parse(String spec) {
        String[] parts = spec.split(":", -1);
        switch (parts[0]) {
            case "access" -> {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("'" + spec + "': expected access:VID (e.g. access:10)");
                }
                return access(number(parts[1], spec));
            }
            case "trunk" -> {
                if (parts.length < 2 || parts.length > 3 || parts[1].isEmpty()) {
                    throw new IllegalArgumentException("'" + spec + "': expected trunk:VIDS[:native=VID] (e.g. trunk:10,20-29:native=1)");
                }
                int nativeVid = NONE;
                if (parts.length == 3) {
                    if (!parts[2].startsWith("native=")) {
                        throw new IllegalArgumentException("'" + spec + "': '" + parts[2] + "' is not native=VID");
                    }
                    nativeVid = number(parts[2].substring("native=".length()), spec);
                }
                return trunkWithNative(nativeVid, vidList(parts[1], spec));
            }
            default -> throw new IllegalArgumentException("'" + spec + "': the mode must be access or trunk"
                    + " (e.g. access:10 or trunk:10,20-29:native=1)");
        }
    }

    private static int[] vidList(String list, String spec) {
        int[] vids = new int[MAX_VID + 1];
        int n = 0;
        for (String item : list.split(",", -1)) {
            int dash = item.indexOf('-');
            int from = number(dash < 0 ? item : item.substring(0, dash), spec);
            int to = dash < 0 ? from : number(item.substring(dash + 1), spec);
            if (to < from) {
                throw new IllegalArgumentException("'" + spec + "': range " + item + " runs backwards");
            }
            for (int v = from; v <= to && n < vids.length; v++) {
                vids[n++] = checkVid(v);
            }
        }
        return Arrays.copyOf(vids, n);
    }

    private static int number(String text, String spec) {
        try {
            return checkVid(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + text + "' is not a VLAN id (" + MIN_VID + ".." + MAX_VID + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VlanMode m && m.access == access && m.untaggedVlan == untaggedVlan
                && Arrays.equals(m.carried, carried);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(carried) * 31 + untaggedVlan;
    }

    /** The {@link #parse} form. */
    @Override
    public String toString() {
        if (access) {
            return "access:" + untaggedVlan;
        }
        StringBuilder sb = new StringBuilder("trunk:");
        int[] vids = vlans();
        for (int i = 0; i < vids.length; i++) {
            if (vids[i] == untaggedVlan) {
                continue;
            }
            int j = i;
            while (j + 1 < vids.length && vids[j + 1] == vids[j] + 1 && vids[j + 1] != untaggedVlan) {
                j++;
            }
            sb.append(sb.length() > 6 ? "," : "").append(vids[i]);
            if (j > i) {
                sb.append('-').append(vids[j]);
            }
            i = j;
        }
        return untaggedVlan == NONE ? sb.toString() : sb.append(":native=").append(untaggedVlan).toString();
    }
}
