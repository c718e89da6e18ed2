package io.wirespeed.virt.nic;

/**
 * How the NIC's tables name a VLAN: 13 bits, a service-tag bit and the VLAN ID, so 802.1Q VLAN
 * 100 and 802.1ad VLAN 100 are different VLANs. Untagged and priority-tagged frames are key 0.
 */
final class VlanKeys {
    static final int COUNT = 1 << 13;
    private static final int SERVICE_TAG = 1 << 12;

    private VlanKeys() {
    }

    static int key(int tpid, int vid) {
        return (tpid == VlanProto.DOT1AD.tpid() ? SERVICE_TAG : 0) | vid;
    }

    /** A table key for a MAC in a VLAN: never 0 for a non-zero MAC. */
    static long macKey(long mac, int vlanKey) {
        return mac << 16 | vlanKey;
    }
}
