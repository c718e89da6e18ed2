package io.wirespeed.app.testpmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forwarding lcore allocates no heap once warm (after {@link Testpmd#WARMUP_NANOS}). io is
 * proven through the command line's JSON in {@code io.wirespeed.cli.TestpmdJsonTest}; the modes
 * that rewrite headers are proven here through the report.
 */
class ZeroAllocationTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ForwardMode.class, names = {"MAC", "MACSWAP"})
    void forwardingAllocatesNothingPerPacketInSteadyState(ForwardMode mode) {
        Log.quiet(true);
        try (Testpmd testpmd = Testpmd.open(Configs.of(mode, "net_null0", "net_null1").build(), DriverRegistry.load(),
                new PrintStream(new ByteArrayOutputStream()))) {
            testpmd.start(0);
            Await.sleep(Testpmd.WARMUP_NANOS / 1_000_000 + 1_000);
            RunReport r = testpmd.stop();

            assertThat(r.lcores()).hasSize(1);
            RunReport.LcoreReport lcore = r.lcores().getFirst();
            assertThat(lcore.steadyPackets()).as("packets forwarded after the warm-up").isGreaterThanOrEqualTo(1_000_000);
            assertThat(lcore.steadyAllocBytes()).as("heap bytes allocated after the warm-up").isZero();
        }
    }
}
