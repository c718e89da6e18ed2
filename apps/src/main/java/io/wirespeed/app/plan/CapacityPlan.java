package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans one path: the cores and ports the VMs' demands need on it, and which of them fit.
 *
 * <p>Host cores are the host's packet work for every VM together (pps × host ns), rounded up
 * once; each guest gets whole cores of its own (pps × guest ns, rounded up per VM). The emulated
 * NIC's time is reported but not counted: on real hardware that work is the NIC's silicon.
 * A VM's traffic goes through one port. Normal, VMDq and SR-IOV share ports, VMs placed
 * first-fit; passthrough gives each VM a whole port, and what the VM does not use of it is
 * wasted. VMs are admitted in file order, each if it still fits beside the ones before it.
 */
public final class CapacityPlan {
    /** Below this a fractional core is rounding noise, not work: 2.0000000001 cores is 2. */
    private static final double CORE_EPSILON = 1e-9;

    private CapacityPlan() {}

    /**
     * One VM on one path.
     *
     * @param guestCores the fractional cores its packet work takes; {@code guestCoresWhole} is what it is given
     * @param port the port it is placed on, or -1 when it does not fit
     * @param refusal why it does not fit, or null when it does
     * @param maxAlone how many VMs like this one would fit on the host by themselves
     * @param aloneLimit what stops one more of them: {@code cores}, {@code bandwidth} or {@code ports}
     */
    public record VmPlan(VmDemand vm, StageCosts.Cost cost, double hostCores, double guestCores, int guestCoresWhole,
            double nicCores, int port, String refusal, int maxAlone, String aloneLimit) {
        public boolean fits() {
            return refusal == null;
        }

        public double packetsPerSecond() {
            return vm.packetsPerSecond();
        }
    }

    /**
     * A path's plan for every VM of the file.
     *
     * @param hostCores fractional host cores all the demands need; {@code hostCoresWhole} rounded up
     * @param coresNeeded whole cores all the demands need: the host's plus each guest's
     * @param nicCores emulated NIC time in cores' worth, not counted in {@code coresNeeded}
     * @param portsNeeded ports all the demands need (passthrough: one per VM; else first-fit)
     * @param wastedBps bandwidth on ports given to VMs that they cannot use and no one else can
     * @param spareBps bandwidth left for further VMs, after the ones that fit
     */
    public record PathPlan(VmPath path, List<VmPlan> vms, double hostCores, int hostCoresWhole, int guestCoresWhole,
            int coresNeeded, double nicCores, long demandedBps, int portsNeeded, long wastedBps, long spareBps) {
        public PathPlan {
            vms = List.copyOf(vms);
        }

        public boolean fits() {
            return vms.stream().allMatch(VmPlan::fits);
        }

        public long admitted() {
            return vms.stream().filter(VmPlan::fits).count();
        }
    }

    public static List<PathPlan> plan(PlanSpec spec, StageCosts costs) {
        return spec.paths().stream().map(p -> plan(p, spec, costs)).toList();
    }

    public static PathPlan plan(VmPath path, PlanSpec spec, StageCosts costs) {
        boolean wholePort = path == VmPath.PASSTHROUGH;
        long speed = spec.portBitsPerSecond();
        long[] used = new long[spec.ports()];
        boolean[] owned = new boolean[spec.ports()];
        double admittedHostCores = 0;
        int admittedGuestCores = 0;
        double hostCores = 0;
        int guestCores = 0;
        double nicCores = 0;
        long demanded = 0;
        long wasted = 0;
        long carried = 0;
        List<VmPlan> vms = new ArrayList<>();
        for (VmDemand vm : spec.vms()) {
            StageCosts.Cost cost = costs.at(path, vm.frameSize());
            double pps = vm.packetsPerSecond();
            double host = pps * cost.hostNs() / 1e9;
            double guest = pps * cost.guestNs() / 1e9;
            double nic = pps * cost.nicNs() / 1e9;
            int guestWhole = whole(guest);
            hostCores += host;
            guestCores += guestWhole;
            nicCores += nic;
            demanded += vm.bitsPerSecond();

            int port = wholePort ? freePort(owned, vm.bitsPerSecond(), speed) : roomyPort(used, vm.bitsPerSecond(), speed);
            int coresAfter = whole(admittedHostCores + host) + admittedGuestCores + guestWhole;
            String refusal = null;
            if (vm.bitsPerSecond() > speed) {
                refusal = "its demand is above a port's speed";
            } else if (port < 0) {
                refusal = wholePort ? "no port left: passthrough gives each VM a whole port"
                        : "no port has " + Rates.gbps(vm.bitsPerSecond()) + " Gbps left";
            } else if (coresAfter > spec.hostCores()) {
                refusal = "it would need " + coresAfter + " cores of " + spec.hostCores();
            }
            if (refusal == null) {
                admittedHostCores += host;
                admittedGuestCores += guestWhole;
                used[port] += vm.bitsPerSecond();
                carried += vm.bitsPerSecond();
                if (wholePort) {
                    owned[port] = true;
                    wasted += speed - vm.bitsPerSecond();
                }
            }
            Alone alone = alone(vm.bitsPerSecond(), host, guestWhole, wholePort, spec);
            vms.add(new VmPlan(vm, cost, host, guest, guestWhole, nic, refusal == null ? port : -1, refusal, alone.count,
                    alone.limit));
        }
        int portsNeeded = wholePort ? spec.vms().size() : firstFitPorts(spec.vms(), speed);
        long spare = spec.ports() * speed - carried - wasted;
        return new PathPlan(path, vms, hostCores, whole(hostCores), guestCores, whole(hostCores) + guestCores, nicCores,
                demanded, portsNeeded, wasted, spare);
    }

    private static int whole(double cores) {
        return (int) Math.ceil(cores - CORE_EPSILON);
    }

    /** The first port nobody owns yet (passthrough), or -1. */
    private static int freePort(boolean[] owned, long demand, long speed) {
        if (demand > speed) {
            return -1;
        }
        for (int i = 0; i < owned.length; i++) {
            if (!owned[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The first port with room for {@code demand} beside what it carries already, or -1. */
    private static int roomyPort(long[] used, long demand, long speed) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] + demand <= speed) {
                return i;
            }
        }
        return -1;
    }

    /** Ports first-fit placement needs for all the demands, however many the NIC has. */
    private static int firstFitPorts(List<VmDemand> vms, long speed) {
        List<Long> ports = new ArrayList<>();
        for (VmDemand vm : vms) {
            int i = 0;
            while (i < ports.size() && ports.get(i) + vm.bitsPerSecond() > speed) {
                i++;
            }
            if (i == ports.size()) {
                ports.add(0L);
            }
            ports.set(i, ports.get(i) + vm.bitsPerSecond());
        }
        return ports.size();
    }

    private record Alone(int count, String limit) {}

    /** How many VMs of this demand alone fit, and whether cores or the ports stop the next one. */
    private static Alone alone(long demand, double hostCores, int guestWhole, boolean wholePort, PlanSpec spec) {
        long perPort = wholePort ? (demand <= spec.portBitsPerSecond() ? 1 : 0) : spec.portBitsPerSecond() / demand;
        long byPorts = perPort * spec.ports();
        // Cores grow with the count, so the largest count that fits is found by bisection.
        long lo = 0;
        long hi = byPorts;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (whole(mid * hostCores) + mid * guestWhole <= spec.hostCores()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        String limit = lo < byPorts ? "cores" : wholePort ? "ports" : "bandwidth";
        return new Alone((int) Math.min(lo, Integer.MAX_VALUE), limit);
    }
}
