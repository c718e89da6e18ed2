package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A capacity plan for people (a block per path, then a verdict per path) and for scripts (one JSON object). */
public final class PlanReport {
    private final PlanSpec spec;
    private final StageCosts costs;
    private final List<CapacityPlan.PathPlan> plans;

    public PlanReport(PlanSpec spec, StageCosts costs, List<CapacityPlan.PathPlan> plans) {
        this.spec = spec;
        this.costs = costs;
        this.plans = List.copyOf(plans);
    }

    public List<CapacityPlan.PathPlan> plans() {
        return plans;
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        long demanded = spec.vms().stream().mapToLong(VmDemand::bitsPerSecond).sum();
        out.add(String.format(Locale.ROOT, "%d VMs demand %s Gbps; NIC %d x %s port%s; %d host cores; costs: %s",
                spec.vms().size(), Rates.gbps(demanded), spec.ports(), Rates.word(spec.portBitsPerSecond()),
                spec.ports() > 1 ? "s" : "", spec.hostCores(), costs.source()));
        for (CapacityPlan.PathPlan p : plans) {
            out.add("");
            out.add(String.format(Locale.ROOT,
                    "%s: host %.2f -> %d cores, guests %.2f -> %d, %d of %d cores; %s of %s Gbps, %s;"
                            + " emulated NIC time %.2f cores (not counted)",
                    p.path().label(), p.hostCores(), p.hostCoresWhole(), fractionalGuestCores(p), p.guestCoresWhole(),
                    p.coresNeeded(), spec.hostCores(), Rates.gbps(p.demandedBps()), Rates.gbps(capacity()),
                    ports(p), p.nicCores()));
            out.add(String.format(Locale.ROOT, "  %-10s %7s %6s %8s %8s %8s %8s %10s %12s %5s %14s  %s", "vm", "demand",
                    "frame", "Mpps", "host ns", "guest ns", "nic ns", "host cores", "guest cores", "port", "alone", "fits"));
            for (CapacityPlan.VmPlan v : p.vms()) {
                out.add(String.format(Locale.ROOT, "  %-10s %7s %4d B %8.3f %8.1f %8.1f %8.1f %10.2f %7.2f -> %-2d %5s %14s  %s",
                        v.vm().name(), Rates.word(v.vm().bitsPerSecond()), v.vm().frameSize(), v.packetsPerSecond() / 1e6,
                        v.cost().hostNs(), v.cost().guestNs(), v.cost().nicNs(), v.hostCores(), v.guestCores(),
                        v.guestCoresWhole(), v.fits() ? Integer.toString(v.port()) : "-", v.maxAlone() + " " + v.aloneLimit(),
                        v.fits() ? "yes" : "no: " + v.refusal()));
            }
        }
        out.add("");
        out.add("verdict:");
        for (CapacityPlan.PathPlan p : plans) {
            out.add(String.format(Locale.ROOT, "  %-12s %s", p.path().label(), verdict(p)));
        }
        for (CapacityPlan.PathPlan p : plans) {
            if (p.path() == VmPath.SRIOV && p.admitted() > 0) {
                out.add("");
                out.add("sriov rate limits, one VF per VM (pfN: port N's PF interface):");
                for (VfRates.VfRate r : VfRates.of(p, spec.ports())) {
                    out.add(String.format(Locale.ROOT, "  %-60s # %s", r.ipLink(), r.vm()));
                }
                out.add("on the emulated NIC (wirespeed run, docs/NIC.md):");
                for (VfRates.VfRate r : VfRates.of(p, spec.ports())) {
                    out.add(String.format(Locale.ROOT, "  %-60s # %s", r.wirespeedNic(spec.ports()), r.vm()));
                }
            }
        }
        return out;
    }

    /** One line: whether the path carries every demand, what it takes, and how far it would go. */
    String verdict(CapacityPlan.PathPlan p) {
        StringBuilder sb = new StringBuilder();
        long admitted = p.admitted();
        sb.append(p.fits() ? "fits" : "does not fit").append(String.format(Locale.ROOT, ": %d of %d VMs", admitted,
                p.vms().size()));
        p.vms().stream().filter(v -> !v.fits()).findFirst()
                .ifPresent(v -> sb.append(" (").append(v.vm().name()).append(": ").append(v.refusal()).append(')'));
        sb.append(String.format(Locale.ROOT, ", needs %d of %d cores, %s", p.coresNeeded(), spec.hostCores(), ports(p)));
        if (p.wastedBps() > 0) {
            sb.append(", wastes ").append(Rates.gbps(p.wastedBps())).append(" Gbps");
        }
        CapacityPlan.VmPlan first = p.vms().getFirst();
        sb.append(String.format(Locale.ROOT, "; at most %d VM%s like %s (%s)", first.maxAlone(), first.maxAlone() == 1 ? "" : "s",
                first.vm().name(), first.aloneLimit()));
        return sb.toString();
    }

    /**
     * The JSON object: {@code paths.PATH} with {@code fits}, {@code verdict}, the cores, ports and
     * bandwidth figures, {@code rate_limits} (SR-IOV) and {@code vms.NAME} (docs/PLAN.md).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> top = new LinkedHashMap<>();
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("speed_gbps", gbps(spec.portBitsPerSecond()));
        nic.put("ports", spec.ports());
        top.put("nic", nic);
        top.put("host_cores", spec.hostCores());
        top.put("costs", costs.source());
        Map<String, Object> paths = new LinkedHashMap<>();
        for (CapacityPlan.PathPlan p : plans) {
            paths.put(p.path().label(), pathJson(p));
        }
        top.put("paths", paths);
        return top;
    }

    private Map<String, Object> pathJson(CapacityPlan.PathPlan p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("fits", p.fits());
        o.put("vms_fit", p.admitted());
        o.put("host_cores", round(p.hostCores()));
        o.put("host_cores_whole", p.hostCoresWhole());
        o.put("guest_cores", round(fractionalGuestCores(p)));
        o.put("guest_cores_whole", p.guestCoresWhole());
        o.put("cores_needed", p.coresNeeded());
        o.put("nic_cores_emulated", round(p.nicCores()));
        o.put("demanded_gbps", gbps(p.demandedBps()));
        o.put("capacity_gbps", gbps(capacity()));
        o.put("ports_needed", p.portsNeeded());
        o.put("wasted_gbps", gbps(p.wastedBps()));
        o.put("spare_gbps", gbps(p.spareBps()));
        o.put("verdict", verdict(p));
        List<VfRates.VfRate> rates = p.path() == VmPath.SRIOV ? VfRates.of(p, spec.ports()) : List.of();
        if (p.path() == VmPath.SRIOV) {
            o.put("rate_limits", rates.stream().map(VfRates.VfRate::ipLink).toList());
        }
        Map<String, Object> vms = new LinkedHashMap<>();
        for (CapacityPlan.VmPlan v : p.vms()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("fits", v.fits());
            vm.put("refusal", v.refusal());
            vm.put("demand_gbps", gbps(v.vm().bitsPerSecond()));
            vm.put("frame_size", v.vm().frameSize());
            vm.put("mpps", round(v.packetsPerSecond() / 1e6));
            vm.put("host_ns_per_packet", round(v.cost().hostNs()));
            vm.put("guest_ns_per_packet", round(v.cost().guestNs()));
            vm.put("nic_ns_per_packet", round(v.cost().nicNs()));
            vm.put("host_cores", round(v.hostCores()));
            vm.put("guest_cores", round(v.guestCores()));
            vm.put("guest_cores_whole", v.guestCoresWhole());
            vm.put("nic_cores_emulated", round(v.nicCores()));
            vm.put("port", v.fits() ? v.port() : null);
            vm.put("max_alone", v.maxAlone());
            vm.put("max_alone_limit", v.aloneLimit());
            rates.stream().filter(r -> r.vm().equals(v.vm().name())).findFirst().ifPresent(r -> {
                vm.put("vf", r.vf());
                vm.put("max_tx_rate_mbps", r.maxTxRateMbps());
                vm.put("min_tx_rate_mbps", r.minTxRateMbps());
            });
            vms.put(v.vm().name(), vm);
        }
        o.put("vms", vms);
        return o;
    }

    /** "1 of 1 port", or "2 ports (the NIC has 1)" when the demands need more than there are. */
    private String ports(CapacityPlan.PathPlan p) {
        String has = spec.ports() + " port" + (spec.ports() > 1 ? "s" : "");
        return p.portsNeeded() <= spec.ports() ? p.portsNeeded() + " of " + has
                : p.portsNeeded() + " ports (the NIC has " + spec.ports() + ")";
    }

    private long capacity() {
        return spec.ports() * spec.portBitsPerSecond();
    }

    private static double fractionalGuestCores(CapacityPlan.PathPlan p) {
        return p.vms().stream().mapToDouble(CapacityPlan.VmPlan::guestCores).sum();
    }

    private static double gbps(long bitsPerSecond) {
        return round(bitsPerSecond / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
