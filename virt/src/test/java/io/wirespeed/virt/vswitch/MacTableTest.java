package io.wirespeed.virt.vswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacTableTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long A = 0x02_00_00_00_00_0aL;
    private static final long B = 0x02_00_00_00_00_0bL;

    @Test
    void aLearnedAddressIsFoundOnItsPort() {
        MacTable t = new MacTable(64, 300 * SECOND);
        t.learn(0, A, 3, 0);
        assertThat(t.lookup(0, A, SECOND)).isEqualTo(3);
        assertThat(t.lookup(0, B, SECOND)).isEqualTo(MacTable.UNKNOWN);
    }

    @Test
    void vlansKeepSeparateTables() {
        MacTable t = new MacTable(64, 300 * SECOND);
        t.learn(100, A, 1, 0);
        t.learn(200, A, 2, 0);
        assertThat(t.lookup(100, A, 0)).isEqualTo(1);
        assertThat(t.lookup(200, A, 0)).isEqualTo(2);
        assertThat(t.lookup(0, A, 0)).isEqualTo(MacTable.UNKNOWN);
    }

    @Test
    void aStationThatMovesIsRepointedAndCounted() {
        MacTable t = new MacTable(64, 300 * SECOND);
        t.learn(0, A, 1, 0);
        t.learn(0, A, 4, SECOND);
        assertThat(t.lookup(0, A, SECOND)).isEqualTo(4);
        assertThat(t.moves()).isEqualTo(1);
    }

    @Test
    void anAddressIsForgottenAfterTheAgeingTime() {
        MacTable t = new MacTable(64, 10 * SECOND);
        t.learn(0, A, 1, 0);
        assertThat(t.lookup(0, A, 9 * SECOND)).isEqualTo(1);
        assertThat(t.lookup(0, A, 10 * SECOND)).isEqualTo(MacTable.UNKNOWN);
        t.learn(0, A, 2, 11 * SECOND); // heard from again: remembered again
        assertThat(t.lookup(0, A, 12 * SECOND)).isEqualTo(2);
    }

    @Test
    void aFullTableRefusesToLearnAndCountsItUntilAddressesAge() {
        MacTable t = new MacTable(16, 10 * SECOND);
        for (int i = 0; i < 16; i++) {
            assertThat(t.learn(0, A + i, 1, 0)).isTrue();
        }
        assertThat(t.learn(0, B + 100, 1, SECOND)).isFalse();
        assertThat(t.learnFailures()).isEqualTo(1);
        assertThat(t.learn(0, B + 100, 1, 20 * SECOND)).as("aged slots are reused").isTrue();
        assertThat(t.lookup(0, B + 100, 20 * SECOND)).isEqualTo(1);
    }

    @Test
    void anAgedEntryInAProbeChainDoesNotHideALaterOne() {
        MacTable t = new MacTable(16, 10 * SECOND);
        for (int i = 0; i < 16; i++) {
            t.learn(0, A + i, i, i < 8 ? 0 : 15 * SECOND);
        }
        // the first eight aged; relearning one of the live ones must find it, not duplicate it
        for (int i = 8; i < 16; i++) {
            t.learn(0, A + i, 40 + i, 16 * SECOND);
        }
        for (int i = 8; i < 16; i++) {
            assertThat(t.lookup(0, A + i, 16 * SECOND)).isEqualTo(40 + i);
        }
        assertThat(t.size(16 * SECOND)).isEqualTo(8);
    }

    @Test
    void flushingAPortForgetsOnlyItsAddresses() {
        MacTable t = new MacTable(64, 300 * SECOND);
        t.learn(0, A, 1, 0);
        t.learn(0, B, 2, 0);
        t.flushPort(1);
        assertThat(t.lookup(0, A, 0)).isEqualTo(MacTable.UNKNOWN);
        assertThat(t.lookup(0, B, 0)).isEqualTo(2);
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new MacTable(0, SECOND)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new MacTable(16, 0)).hasMessageContaining("ageing");
    }
}
