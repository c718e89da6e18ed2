package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.LatencySummary;
import io.wirespeed.virt.paths.LatencySummary.CdfPoint;
import io.wirespeed.virt.paths.LoadPoint;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.Stage;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Measurements shaped like the demo's, with numbers chosen so that each one can be found on the page. */
final class Measurements {
    static final List<Integer> SIZES = List.of(64, 512, 1500);

    private Measurements() {
    }

    /** All four paths at the three frame sizes. */
    static List<PathMeasurement> demo() {
        List<PathMeasurement> all = new ArrayList<>();
        for (VmPath p : VmPath.values()) {
            for (int size : SIZES) {
                all.add(of(p, size));
            }
        }
        return all;
    }

    /** One path at one size; the frames offered are 1,000,000 plus a number that identifies the path and size. */
    static PathMeasurement of(VmPath path, int size) {
        long offered = 1_000_000 + path.ordinal() * 10_000 + size;
        long drops = 100 + path.ordinal();
        long delivered = offered - drops;
        double mpps = (4 - path.ordinal() * 0.5) * 64.0 / size + path.ordinal();
        return new PathMeasurement(path, size, mpps, offered, delivered, Map.of("ring full", drops),
                path == VmPath.NORMAL || path == VmPath.VMDQ ? 180 : 0, 95, 40,
                path == VmPath.NORMAL ? 1 : 0, path == VmPath.SRIOV || path == VmPath.PASSTHROUGH ? 0 : 1,
                path == VmPath.NORMAL || path == VmPath.VMDQ ? 1 : 0,
                latency(2 + 0.75 * path.ordinal()), stages(path, offered, delivered), List.of(new LoadPoint(mpps, mpps, offered, delivered)));
    }

    static LatencySummary latency(double p50) {
        List<CdfPoint> cdf = List.of(new CdfPoint(p50 / 4, 0.01), new CdfPoint(p50, 0.5), new CdfPoint(p50 * 3, 0.99),
                new CdfPoint(p50 * 10, 0.999), new CdfPoint(p50 * 20, 1.0));
        return new LatencySummary(1000, p50, p50 * 3, p50 * 10, p50 * 20, cdf);
    }

    /** The stages each path has in the demo: a stage's packets are what it passed on. */
    static List<Stage> stages(VmPath path, long offered, long delivered) {
        long mid = (offered + delivered) / 2;
        return switch (path) {
            case NORMAL -> List.of(new Stage("wire", "wire", offered, 0, 0, 0), new Stage("nic rx", "nic", offered, 0, 0, 40),
                    new Stage("host vswitch", "host", mid, offered, 0, 180),
                    new Stage("virtio queue", "queue", mid, 0, mid, 0),
                    new Stage("guest app", "guest", delivered, delivered, 0, 95));
            case VMDQ -> List.of(new Stage("wire", "wire", offered, 0, 0, 0), new Stage("nic pool sort", "nic", offered, 0, 0, 40),
                    new Stage("pool queue", "queue", mid, 0, 0, 0),
                    new Stage("host copy", "host", mid, 0, mid, 180),
                    new Stage("guest app", "guest", delivered, delivered, 0, 95));
            case SRIOV -> List.of(new Stage("wire", "wire", offered, 0, 0, 0), new Stage("VF dma", "nic", offered, 0, 0, 40),
                    new Stage("VF ring", "queue", mid, 0, 0, 0), new Stage("guest app", "guest", delivered, 0, 0, 95));
            case PASSTHROUGH -> List.of(new Stage("wire", "wire", offered, 0, 0, 0), new Stage("port dma", "nic", offered, 0, 0, 40),
                    new Stage("guest app", "guest", delivered, 0, 0, 95));
            case OVS_DPDK -> List.of(new Stage("wire", "wire", offered, 0, 0, 0), new Stage("nic rx", "nic", offered, 0, 0, 40),
                    new Stage("host pmd vswitch", "host", mid, 0, 0, 250), new Stage("virtio queue", "queue", mid, 0, mid, 0),
                    new Stage("guest app", "guest", delivered, 0, 0, 95));
        };
    }

    /** A copy of {@code m} with its CPU, interrupt, copy and rate figures replaced. */
    static PathMeasurement withFigures(PathMeasurement m, double mpps, double hostNs, double guestNs, double nicNs,
                                       double hostIrq, double guestIrq, double copies) {
        return new PathMeasurement(m.path(), m.frameSize(), mpps, m.offered(), m.delivered(), m.drops(), hostNs, guestNs,
                nicNs, hostIrq, guestIrq, copies, m.latency(), m.stages(), m.loads());
    }

    static PathMeasurement withLatency(PathMeasurement m, LatencySummary latency) {
        return new PathMeasurement(m.path(), m.frameSize(), m.zeroLossMpps(), m.offered(), m.delivered(), m.drops(),
                m.hostNsPerPacket(), m.guestNsPerPacket(), m.nicNsPerPacket(), m.hostInterruptsPerPacket(),
                m.guestInterruptsPerPacket(), m.copiesPerPacket(), latency, m.stages(), m.loads());
    }

    static PathMeasurement withStages(PathMeasurement m, List<Stage> stages) {
        return new PathMeasurement(m.path(), m.frameSize(), m.zeroLossMpps(), m.offered(), m.delivered(), m.drops(),
                m.hostNsPerPacket(), m.guestNsPerPacket(), m.nicNsPerPacket(), m.hostInterruptsPerPacket(),
                m.guestInterruptsPerPacket(), m.copiesPerPacket(), m.latency(), stages, m.loads());
    }
}
