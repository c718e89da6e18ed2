package io.wirespeed.app.testpmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.lcore.CoreList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestpmdConfigTest {
    private static TestpmdConfig withTxpkts(int txpkts) {
        return new TestpmdConfig(List.of("net_null0"), CoreList.parseCores("0-1"), 1, 32, ForwardMode.TXONLY,
                TestpmdConfig.Topology.PAIRED, 1, 1, 1024, 1024, 0, 256, 2048, false, txpkts, 1024, Map.of(), "busy");
    }

    @ParameterizedTest(name = "--txpkts {0}")
    @ValueSource(ints = {42, 64, 2048})
    void txpktsFromTheHeadersToTheMbufDataRoomIsAccepted(int txpkts) {
        assertThat(withTxpkts(txpkts).txPacketLength()).isEqualTo(txpkts);
    }

    @ParameterizedTest(name = "--txpkts {0}")
    @ValueSource(ints = {0, 41, 2049, 9000})
    void txpktsThatCannotHoldTheHeadersOrDoesNotFitAnMbufIsRefusedBeforeAnythingOpens(int txpkts) {
        assertThatThrownBy(() -> withTxpkts(txpkts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--txpkts " + txpkts + " must be 42..2048");
    }
}
