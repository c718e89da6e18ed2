package io.wirespeed.virt.paths;

import java.util.Locale;

/** The four ways a frame from the wire reaches a virtual machine's app. */
public enum VmPath {
    /** NIC -> interrupt to the host's core -> vswitch -> copy into the guest's queue -> interrupt to the guest. */
    NORMAL("normal"),
    /** The NIC sorts into the guest's pool queue; the host's core copies into guest memory; only the guest is interrupted. */
    VMDQ("vmdq"),
    /** A VF writes straight into guest memory; the guest polls (or takes its own interrupt). */
    SRIOV("sriov"),
    /** The whole port is the guest's: its DMA writes into guest memory, no sorting, no sharing. */
    PASSTHROUGH("passthrough"),
    /** The normal path in poll mode (OVS-DPDK): a host PMD thread runs the vswitch, the guest's virtio-pmd polls; one copy, no interrupts. */
    OVS_DPDK("ovs-dpdk");

    private final String label;

    VmPath(String label) {
        this.label = label;
    }

    /** The path's name on the command line and in reports. */
    public String label() {
        return label;
    }

    /** Parses a label, case-insensitively. */
    public static VmPath parse(String text) {
        for (VmPath p : values()) {
            if (p.label.equals(text.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown path '" + text + "' (normal, vmdq, sriov, passthrough, ovs-dpdk)");
    }
}
