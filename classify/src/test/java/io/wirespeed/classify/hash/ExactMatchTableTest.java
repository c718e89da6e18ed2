package io.wirespeed.classify.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviours of the table one at a time: bulk lookup, filling up, near-identical keys, bad arguments. */
class ExactMatchTableTest {
    private static final long SEED = 0xb0_1c_0001L;

    @Test
    void bulkLookupEqualsSingleLookups() {
        Random rnd = new Random(SEED);
        int keyLength = 13;
        byte[][] keys = ExactMatchTableReferenceTest.distinctKeys(rnd, keyLength, 4000);
        try (ExactMatchTable table = new ExactMatchTable(keyLength, 4096); Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < 3500; i++) {
                table.add(keys[i], 1000L + i); // some fail near the end; lookups must agree either way
            }
            ExactMatchReader reader = table.reader();
            // All candidate keys laid out in one off-heap block, at odd offsets as in packets.
            int stride = 29;
            MemorySegment block = arena.allocate((long) keys.length * stride + 3);
            for (int i = 0; i < keys.length; i++) {
                MemorySegment.copy(keys[i], 0, block, ValueLayout.JAVA_BYTE, 3L + (long) i * stride, keyLength);
            }
            MemorySegment[] segs = new MemorySegment[64];
            long[] offsets = new long[64];
            int[] positions = new int[64];
            int[] positions2 = new int[64];
            long[] values = new long[64];
            for (int round = 0; round < 3000; round++) {
                int n = rnd.nextInt(65);
                for (int i = 0; i < n; i++) {
                    int k = rnd.nextInt(keys.length);
                    segs[i] = MemorySegment.ofArray(keys[k]);
                    offsets[i] = 3L + (long) k * stride;
                }
                long mask = reader.lookupBulk(block, offsets, n, positions, values);
                for (int i = 0; i < n; i++) {
                    int single = table.lookup(block, offsets[i]);
                    assertThat(positions[i]).as("round %d key %d", round, i).isEqualTo(single);
                    assertThat((mask >>> i) & 1).isEqualTo(single >= 0 ? 1L : 0L);
                    if (single >= 0) {
                        assertThat(values[i]).isEqualTo(table.value(single));
                    }
                    offsets[i] = 0; // the same keys again, from their own heap segments
                }
                long mask2 = reader.lookupBulk(segs, offsets, n, positions2);
                assertThat(mask2).isEqualTo(mask);
                for (int i = 0; i < n; i++) {
                    assertThat(positions2[i]).isEqualTo(positions[i]);
                }
                if (n < 64) {
                    assertThat(mask >>> n).as("no bits above n").isZero();
                }
            }
        }
    }

    @Test
    void fillingUpReportsFullCleanlyAndKeepsEveryKey() {
        Random rnd = new Random(SEED + 1);
        int slots = 1 << 16;
        try (ExactMatchTable table = new ExactMatchTable(16, slots)) {
            byte[] key = new byte[16];
            Set<Integer> positions = new HashSet<>();
            int result;
            int added = 0;
            while (true) {
                rnd.nextBytes(key);
                result = table.add(key, added);
                if (result < 0) {
                    break;
                }
                assertThat(positions.add(result)).isTrue();
                added++;
            }
            System.out.printf("exact-match fill: %d of %d slots (load factor %.4f), %d displacements%n",
                    added, table.slotCount(), table.loadFactor(), table.displacements());
            assertThat(result).isEqualTo(ExactMatchTable.NO_BUCKET_SPACE);
            assertThat(table.size()).isEqualTo(added);
            assertThat(table.loadFactor()).isGreaterThan(0.93);
            assertThat(table.displacements()).isPositive();
            // Replay the same keys: all still there, at distinct positions, with their values.
            Random replay = new Random(SEED + 1);
            for (int i = 0; i < added; i++) {
                replay.nextBytes(key);
                int p = table.lookup(key);
                assertThat(positions.contains(p)).as("key %d at %d", i, p).isTrue();
                assertThat(table.value(p)).isEqualTo(i);
            }
        }
    }

    @Test
    void runningOutOfPositionsReportsNoFreePosition() {
        Random rnd = new Random(SEED + 2);
        try (ExactMatchTable table = new ExactMatchTable(13, 600)) {
            byte[][] keys = ExactMatchTableReferenceTest.distinctKeys(rnd, 13, 601);
            for (int i = 0; i < 600; i++) {
                assertThat(table.add(keys[i])).isBetween(0, 599);
            }
            assertThat(table.add(keys[600])).isEqualTo(ExactMatchTable.NO_FREE_POSITION);
            assertThat(table.add(keys[5])).as("an existing key is still found").isEqualTo(table.lookup(keys[5]));
            int freed = table.delete(keys[0]);
            assertThat(table.add(keys[600])).as("the freed position is reused").isEqualTo(freed);
        }
    }

    @Test
    void keysDifferingInOneByteAreDistinct() {
        for (int keyLength : new int[] {2, 7, 13, 16, 64}) {
            Random rnd = new Random(SEED + keyLength);
            byte[] base = new byte[keyLength];
            rnd.nextBytes(base);
            try (ExactMatchTable table = new ExactMatchTable(keyLength, 4096)) {
                int basePos = table.add(base);
                int[][] pos = new int[keyLength][8];
                for (int b = 0; b < keyLength; b++) {
                    for (int bit = 0; bit < 8; bit++) {
                        pos[b][bit] = table.add(flip(base, b, bit));
                        assertThat(pos[b][bit]).isNotNegative().isNotEqualTo(basePos);
                    }
                }
                assertThat(table.size()).isEqualTo(1 + 8 * keyLength);
                assertThat(table.delete(base)).isEqualTo(basePos);
                assertThat(table.lookup(base)).isEqualTo(ExactMatchTable.NOT_FOUND);
                for (int b = 0; b < keyLength; b++) {
                    for (int bit = 0; bit < 8; bit++) {
                        assertThat(table.lookup(flip(base, b, bit))).as("len %d byte %d bit %d", keyLength, b, bit)
                                .isEqualTo(pos[b][bit]);
                    }
                }
            }
        }
    }

    @Test
    void addingAPresentKeyReturnsItsPositionAndUpdatesTheValue() {
        try (ExactMatchTable table = new ExactMatchTable(4, 64)) {
            byte[] k = {1, 2, 3, 4};
            int p = table.add(k, 7);
            assertThat(table.add(k, 9)).isEqualTo(p);
            assertThat(table.value(p)).isEqualTo(9);
            assertThat(table.add(k)).isEqualTo(p);
            assertThat(table.value(p)).as("add without a value keeps it").isEqualTo(9);
            assertThat(table.delete(k)).isEqualTo(p);
            assertThat(table.delete(k)).isEqualTo(ExactMatchTable.NOT_FOUND);
        }
    }

    @Test
    void badConfigurationAndBadKeysAreRefused() {
        assertThatThrownBy(() -> new ExactMatchTable(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..64");
        assertThatThrownBy(() -> new ExactMatchTable(65, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExactMatchTable(13, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        try (ExactMatchTable table = new ExactMatchTable(13, 64)) {
            assertThatThrownBy(() -> table.add(new byte[12])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("13 bytes");
            assertThatThrownBy(() -> table.reader().lookupBulk(MemorySegment.ofArray(new byte[13]), new long[65], 65,
                    new int[65])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..64");
        }
    }

    private static byte[] flip(byte[] base, int b, int bit) {
        byte[] k = base.clone();
        k[b] ^= (byte) (1 << bit);
        return k;
    }
}
