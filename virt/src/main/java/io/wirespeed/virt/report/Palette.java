package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.VmPath;

/** One colour per path, the same in every chart; and the shades that tell the parts of a stacked bar apart. */
final class Palette {
    private Palette() {
    }

    static String colour(VmPath path) {
        return switch (path) {
            case NORMAL -> "#d62728";
            case VMDQ -> "#ff7f0e";
            case SRIOV -> "#2ca02c";
            case PASSTHROUGH -> "#1f77b4";
            case OVS_DPDK -> "#9467bd";
        };
    }

    /** Opacity of the {@code index}-th part of a stacked bar: the first solid, the later ones lighter. */
    static double shade(int index) {
        double[] shades = {1.0, 0.55, 0.25};
        return shades[Math.min(index, shades.length - 1)];
    }
}
