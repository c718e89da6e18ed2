package io.wirespeed.classify.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RETA: sizes, the round-robin default, updates and the spread of flows. */
class RedirectionTableTest {
    private static final long SEED = 0x4e7a_0001L;

    @Test
    void lowBitsOfTheHashIndexTheTable() {
        RedirectionTable reta = new RedirectionTable(128, 4);
        // 0x51ccc178 & 127 = 0x78 = 120; 120 mod 4 = 0. 0x...7f: 127 mod 4 = 3.
        assertThat(reta.queueFor(0x51ccc178)).isEqualTo(0);
        assertThat(reta.queueFor(0xafc7327f)).isEqualTo(3);
        assertThat(reta.queueFor(0x10e828a2)).isEqualTo(0x22 % 4);
    }

    @Test
    void defaultSpreadIsRoundRobin() {
        RedirectionTable reta = new RedirectionTable(64, 3);
        for (int i = 0; i < 64; i++) {
            assertThat(reta.entry(i)).isEqualTo(i % 3);
        }
    }

    @Test
    void updatedEntrySteersItsHashes() {
        RedirectionTable reta = new RedirectionTable(512, 4);
        reta.update(0x1ff, 9);
        assertThat(reta.queueFor(0xffff_ffff)).isEqualTo(9);
        assertThat(reta.queueFor(0x1fe)).isEqualTo(0x1fe % 4);
        reta.spread(2);
        assertThat(reta.queueFor(0xffff_ffff)).isEqualTo(1);
    }

    @Test
    void randomFlowsSpreadEvenlyOverFourQueues() {
        ToeplitzHash h = ToeplitzHash.microsoft();
        RedirectionTable reta = new RedirectionTable(128, 4);
        Random rnd = new Random(SEED);
        int[] perQueue = new int[4];
        for (int i = 0; i < 10_000; i++) {
            perQueue[reta.queueFor(h.ipv4(rnd.nextInt(), rnd.nextInt(), rnd.nextInt(65536), rnd.nextInt(65536)))]++;
        }
        // 2500 expected per queue, standard deviation ~43: 10% is more than five deviations.
        for (int q = 0; q < 4; q++) {
            assertThat(perQueue[q]).as("queue %d of %s", q, java.util.Arrays.toString(perQueue)).isBetween(2250, 2750);
        }
    }

    @Test
    void sizeMustBeAPowerOfTwoFrom64To512() {
        for (int bad : new int[] {0, 32, 63, 100, 1024}) {
            assertThatThrownBy(() -> new RedirectionTable(bad, 4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("power of two").hasMessageContaining(String.valueOf(bad));
        }
        assertThat(new RedirectionTable(256, 1).size()).isEqualTo(256);
    }

    @Test
    void badQueueOrIndexIsRefused() {
        RedirectionTable reta = new RedirectionTable(64, 4);
        assertThatThrownBy(() -> new RedirectionTable(64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reta.update(64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reta.update(0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
