package io.wirespeed.classify.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** add / lookup / delete against a java.util.HashMap on seeded random operations. */
class ExactMatchTableReferenceTest {
    private static final long SEED = 0xe4ac_7ab1L;

    @ParameterizedTest(name = "key length {0}")
    @ValueSource(ints = {1, 3, 5, 8, 13, 16, 37, 64})
    void agreesWithAHashMapOnRandomOperations(int keyLength) {
        // 13-byte keys (a 5-tuple) get 120k operations, the other lengths 20k each.
        int operations = keyLength == 13 ? 120_000 : 20_000;
        Random rnd = new Random(SEED + keyLength);
        int capacity = 4096;
        // Adds are half the operations over a pool of 8000: about 5300 keys would stay in, more
        // than the 4096 positions, so the table fills and adds fail now and then. One-byte keys
        // have only 256 values.
        int poolSize = keyLength == 1 ? 256 : 8000;
        byte[][] pool = distinctKeys(rnd, keyLength, poolSize);
        Map<String, Integer> positions = new HashMap<>();
        Map<String, Long> values = new HashMap<>();
        HexFormat hex = HexFormat.of();
        int fullReports = 0;
        try (ExactMatchTable table = new ExactMatchTable(keyLength, capacity)) {
            for (int op = 0; op < operations; op++) {
                byte[] key = pool[rnd.nextInt(poolSize)];
                String k = hex.formatHex(key);
                String where = "seed " + Long.toHexString(SEED + keyLength) + " op " + op;
                switch (rnd.nextInt(4)) {
                    case 0, 1 -> {
                        long value = rnd.nextLong();
                        int p = table.add(key, value);
                        if (positions.containsKey(k)) {
                            assertThat(p).as(where).isEqualTo(positions.get(k));
                            values.put(k, value);
                        } else if (p < 0) {
                            fullReports++;
                            assertThat(p).as(where).isIn(ExactMatchTable.NO_FREE_POSITION, ExactMatchTable.NO_BUCKET_SPACE);
                            if (p == ExactMatchTable.NO_FREE_POSITION) {
                                assertThat(positions).as(where).hasSize(capacity);
                            } else {
                                assertThat(table.loadFactor()).as(where).isGreaterThan(0.85);
                            }
                        } else {
                            assertThat(p).as(where).isBetween(0, capacity - 1).isNotIn(positions.values());
                            positions.put(k, p);
                            values.put(k, value);
                        }
                    }
                    case 2 -> {
                        Integer expected = positions.remove(k);
                        values.remove(k);
                        assertThat(table.delete(key)).as(where).isEqualTo(expected == null ? ExactMatchTable.NOT_FOUND : expected);
                    }
                    default -> {
                        Integer expected = positions.get(k);
                        int p = table.lookup(key);
                        assertThat(p).as(where).isEqualTo(expected == null ? ExactMatchTable.NOT_FOUND : expected);
                        if (p >= 0) {
                            assertThat(table.value(p)).as(where).isEqualTo(values.get(k));
                            assertThat(table.key(p)).as(where).isEqualTo(key);
                        }
                    }
                }
                assertThat(table.size()).as(where).isEqualTo(positions.size());
            }
            // Everything the map holds is still found where it was put.
            for (byte[] key : pool) {
                Integer expected = positions.get(hex.formatHex(key));
                assertThat(table.lookup(key)).isEqualTo(expected == null ? ExactMatchTable.NOT_FOUND : expected);
            }
        }
        if (keyLength != 1) {
            assertThat(fullReports).as("the table filled up at some point").isPositive();
        }
    }

    static byte[][] distinctKeys(Random rnd, int keyLength, int n) {
        Set<String> seen = new HashSet<>();
        byte[][] keys = new byte[n][];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; ) {
            byte[] k = new byte[keyLength];
            if (keyLength == 1) {
                k[0] = (byte) i;
            } else {
                rnd.nextBytes(k);
            }
            if (seen.add(hex.formatHex(k))) {
                keys[i++] = k;
            }
        }
        return keys;
    }
}
