package io.wirespeed.virt.paths;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed article's claims about the four paths, checked against one comparison's figures at
 * its smallest frame size: each line says what was measured and whether the claim held.
 */
public final class SeedClaims {
    private SeedClaims() {}

    public static List<String> check(List<PathMeasurement> results) {
        int smallest = Integer.MAX_VALUE;
        for (PathMeasurement m : results) {
            smallest = Math.min(smallest, m.frameSize());
        }
        Map<VmPath, PathMeasurement> at = new EnumMap<>(VmPath.class);
        for (PathMeasurement m : results) {
            if (m.frameSize() == smallest) {
                at.put(m.path(), m);
            }
        }
        List<String> out = new ArrayList<>();
        PathMeasurement normal = at.get(VmPath.NORMAL);
        PathMeasurement vmdq = at.get(VmPath.VMDQ);
        PathMeasurement sriov = at.get(VmPath.SRIOV);
        PathMeasurement passthrough = at.get(VmPath.PASSTHROUGH);
        if (normal != null) {
            out.add(claim("normal takes two interrupts per packet (fewer under moderation) and at least one copy",
                    normal.interruptsPerPacket() > 0 && normal.interruptsPerPacket() <= 2.0 && normal.copiesPerPacket() >= 1,
                    String.format(Locale.ROOT, "%.3f interrupts (host %.3f, guest %.3f), %.2f copies", normal.interruptsPerPacket(),
                            normal.hostInterruptsPerPacket(), normal.guestInterruptsPerPacket(), normal.copiesPerPacket())));
        }
        if (vmdq != null) {
            out.add(claim("vmdq interrupts only the guest and copies once",
                    vmdq.hostInterruptsPerPacket() == 0 && vmdq.guestInterruptsPerPacket() <= 1.0 && vmdq.copiesPerPacket() == 1.0,
                    String.format(Locale.ROOT, "host %.3f, guest %.3f interrupts, %.2f copies", vmdq.hostInterruptsPerPacket(),
                            vmdq.guestInterruptsPerPacket(), vmdq.copiesPerPacket())));
        }
        for (PathMeasurement direct : new PathMeasurement[] {sriov, passthrough}) {
            if (direct != null) {
                out.add(claim(direct.path().label() + " with a poll-mode driver takes no interrupt and no copy",
                        direct.interruptsPerPacket() == 0 && direct.copiesPerPacket() == 0,
                        String.format(Locale.ROOT, "%.3f interrupts, %.2f copies", direct.interruptsPerPacket(),
                                direct.copiesPerPacket())));
            }
        }
        PathMeasurement ovs = at.get(VmPath.OVS_DPDK);
        if (ovs != null) {
            out.add(claim("ovs-dpdk (both cores polling) takes no interrupt and copies once",
                    ovs.interruptsPerPacket() == 0 && ovs.copiesPerPacket() == 1.0,
                    String.format(Locale.ROOT, "%.3f interrupts, %.2f copies", ovs.interruptsPerPacket(), ovs.copiesPerPacket())));
        }
        if (normal != null && vmdq != null && sriov != null && passthrough != null) {
            out.add(ordering(smallest, "zero-loss", PathMeasurement::zeroLossMpps, normal, vmdq, sriov, passthrough));
            out.add(ordering(smallest, "partial-drop (<= 0.5 % loss)", PathMeasurement::partialDropMpps, normal, vmdq,
                    sriov, passthrough));
        }
        boolean conserved = true;
        for (PathMeasurement m : results) {
            long dropped = m.drops().values().stream().mapToLong(Long::longValue).sum();
            conserved &= m.delivered() + dropped == m.offered();
        }
        out.add(claim("every path conserves packets (delivered + counted drops = offered)", conserved,
                results.size() + " measured runs"));
        return out;
    }

    private static String ordering(int size, String which, java.util.function.ToDoubleFunction<PathMeasurement> rate,
            PathMeasurement normal, PathMeasurement vmdq, PathMeasurement sriov, PathMeasurement passthrough) {
        double slowestDirect = Math.min(rate.applyAsDouble(sriov), rate.applyAsDouble(passthrough));
        return claim("at " + size + " B, sriov and passthrough > vmdq > normal in " + which + " throughput",
                slowestDirect > rate.applyAsDouble(vmdq) && rate.applyAsDouble(vmdq) > rate.applyAsDouble(normal),
                String.format(Locale.ROOT, "sriov %.3f, passthrough %.3f, vmdq %.3f, normal %.3f Mpps",
                        rate.applyAsDouble(sriov), rate.applyAsDouble(passthrough), rate.applyAsDouble(vmdq),
                        rate.applyAsDouble(normal)));
    }

    private static String claim(String what, boolean held, String measured) {
        return (held ? "held: " : "did not hold: ") + what + " — measured " + measured;
    }
}
