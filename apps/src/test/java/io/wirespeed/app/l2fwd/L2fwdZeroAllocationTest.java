package io.wirespeed.app.l2fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forwarding lcore allocates no heap per packet once warm, MAC updating included. */
class L2fwdZeroAllocationTest {
    @Test
    void forwardingAllocatesNoHeapInSteadyState() throws InterruptedException {
        Log.quiet(true);
        L2fwdConfig config = L2fwdConfig.of(List.of("net_null0", "net_null1"), CoreList.parseCores("0-1"), 0x3)
                .withPortsPerLcore(2).withHugePages(false);
        try (L2fwd l2fwd = L2fwd.open(config, DriverRegistry.load(), new PrintStream(new ByteArrayOutputStream()))) {
            // Each run's watch starts after the warm-up; the quietest of three is the steady state
            // (a JIT event may allocate once; an allocation per packet would show in every run).
            long fewest = Long.MAX_VALUE;
            long packets = 0;
            for (int run = 0; run < 3; run++) {
                l2fwd.start();
                Thread.sleep(L2fwd.WARMUP_NANOS / 1_000_000 + 500);
                L2fwdReport.LcoreReport lcore = l2fwd.stop().lcores().getFirst();
                if (lcore.steadyAllocBytes() < fewest) {
                    fewest = lcore.steadyAllocBytes();
                    packets = lcore.steadyPackets();
                }
            }
            assertThat(packets).as("packets forwarded after the warm-up").isGreaterThanOrEqualTo(100_000);
            assertThat(fewest).as("heap bytes allocated after the warm-up").isZero();
        }
    }
}
