package io.wirespeed.app.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SR-IOV rate limits that hold each VM to its share of a shared port: its VF's
 * {@code max_tx_rate} caps it, its {@code min_tx_rate} guarantees it. Linux takes whole Mbit/s, so
 * the cap rounds up (the VM gets at least its demand) and the guarantee rounds down (the
 * guarantees on a port never add up to more than its speed).
 */
public final class VfRates {
    /** One VF's settings: VF {@code vf} of port {@code port}, rates in Mbit/s. */
    public record VfRate(String vm, int port, int vf, long maxTxRateMbps, long minTxRateMbps) {
        /** The Linux command on the PF ({@code pf0}, {@code pf1}, ...: the port's PF interface). */
        public String ipLink() {
            return String.format(Locale.ROOT, "ip link set dev pf%d vf %d max_tx_rate %d min_tx_rate %d", port, vf,
                    maxTxRateMbps, minTxRateMbps);
        }

        /** The same words for the emulated NIC of a running {@code wirespeed run} (docs/NIC.md). */
        public String wirespeedNic(int ports) {
            return String.format(Locale.ROOT, "wirespeed nic %svf %d max_tx_rate %d min_tx_rate %d",
                    ports > 1 ? "--nic pf" + port + " " : "", vf, maxTxRateMbps, minTxRateMbps);
        }
    }

    private VfRates() {}

    /** A VF per VM that fits, numbered from 0 on each port in the order the VMs were placed. */
    public static List<VfRate> of(CapacityPlan.PathPlan plan, int ports) {
        int[] next = new int[ports];
        List<VfRate> out = new ArrayList<>();
        for (CapacityPlan.VmPlan vm : plan.vms()) {
            if (vm.fits()) {
                long bps = vm.vm().bitsPerSecond();
                out.add(new VfRate(vm.vm().name(), vm.port(), next[vm.port()]++, Math.ceilDiv(bps, 1_000_000L),
                        bps / 1_000_000L));
            }
        }
        return out;
    }
}
