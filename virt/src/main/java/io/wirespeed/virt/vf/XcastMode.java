package io.wirespeed.virt.vf;

/**
 * Which frames beyond its own unicast a function receives (the VF mailbox's xcast modes, widest
 * last): its multicast groups and broadcast, all multicast, or everything (promiscuous).
 */
public enum XcastMode {
    NONE, MULTI, ALLMULTI, PROMISC;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
