package io.wirespeed.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 1624 updates agree with recomputing the whole IPv4 header, on 100,000 seeded random headers each. */
class IncrementalChecksumTest {
    private static final long SEED = 1624;
    private static final int CASES = 100_000;

    private static MemorySegment randomHeader(Random random) {
        int ihl = 5 + random.nextInt(11);
        byte[] bytes = new byte[ihl * 4];
        random.nextBytes(bytes);
        bytes[0] = (byte) (0x40 | ihl);
        MemorySegment s = MemorySegment.ofArray(bytes);
        Checksums.setIpv4HeaderChecksum(s, 0);
        return s;
    }

    @Test
    void update16MatchesRecomputation() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            MemorySegment s = randomHeader(random);
            int words = (NetworkOrder.getU8(s, 0) & 0xf) * 2;
            int word = 1 + random.nextInt(words - 1);
            if (word == 5) {
                continue; // the checksum field itself
            }
            int oldWord = NetworkOrder.getU16(s, 2L * word);
            int newWord = random.nextInt(8) == 0 ? oldWord : random.nextInt(65536);
            NetworkOrder.setU16(s, 2L * word, newWord);
            int updated = Checksums.update16(NetworkOrder.getU16(s, 10), oldWord, newWord);
            assertThat(updated).as("case %d (seed %d), word %d %04x -> %04x", i, SEED, word, oldWord, newWord)
                    .isEqualTo(Checksums.ipv4HeaderChecksum(s, 0));
        }
    }

    @Test
    void update32MatchesRecomputationForAddresses() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            MemorySegment s = randomHeader(random);
            long at = random.nextBoolean() ? 12 : 16;
            int oldAddress = NetworkOrder.getI32(s, at);
            int newAddress = random.nextInt();
            NetworkOrder.setI32(s, at, newAddress);
            int updated = Checksums.update32(NetworkOrder.getU16(s, 10), oldAddress, newAddress);
            assertThat(updated).as("case %d (seed %d)", i, SEED + 1).isEqualTo(Checksums.ipv4HeaderChecksum(s, 0));
        }
    }

    @Test
    void decrementTtlKeepsTheHeaderValid() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            MemorySegment s = randomHeader(random);
            int ttl = NetworkOrder.getU8(s, 8);
            int result = Checksums.decrementTtl(s, 0);
            if (ttl == 0) {
                assertThat(result).isEqualTo(-1);
                assertThat(NetworkOrder.getU8(s, 8)).isZero();
            } else {
                assertThat(result).isEqualTo(ttl - 1);
                assertThat(NetworkOrder.getU8(s, 8)).isEqualTo(ttl - 1);
            }
            assertThat(NetworkOrder.getU16(s, 10)).as("case %d (seed %d)", i, SEED + 2)
                    .isEqualTo(Checksums.ipv4HeaderChecksum(s, 0));
        }
    }
}
