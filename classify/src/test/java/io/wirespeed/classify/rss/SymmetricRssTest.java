package io.wirespeed.classify.rss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both symmetric modes hash a flow and its reverse alike. */
class SymmetricRssTest {
    private static final long SEED = 0x5e77_e7c1L;

    @Test
    void symmetricKeyHashesBothDirectionsAlike() {
        ToeplitzHash h = ToeplitzHash.symmetric();
        Random rnd = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            int a = rnd.nextInt(), b = rnd.nextInt(), pa = rnd.nextInt(65536), pb = rnd.nextInt(65536);
            long ah = rnd.nextLong(), al = rnd.nextLong(), bh = rnd.nextLong(), bl = rnd.nextLong();
            assertThat(h.ipv4(a, b)).isEqualTo(h.ipv4(b, a));
            assertThat(h.ipv4(a, b, pa, pb)).isEqualTo(h.ipv4(b, a, pb, pa));
            assertThat(h.ipv6(ah, al, bh, bl)).isEqualTo(h.ipv6(bh, bl, ah, al));
            assertThat(h.ipv6(ah, al, bh, bl, pa, pb)).isEqualTo(h.ipv6(bh, bl, ah, al, pb, pa));
        }
    }

    @Test
    void longSymmetricKeyIsSymmetricToo() {
        ToeplitzHash h = new ToeplitzHash(ToeplitzHash.symmetricKey(52));
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < 5_000; i++) {
            int a = rnd.nextInt(), b = rnd.nextInt(), pa = rnd.nextInt(65536), pb = rnd.nextInt(65536);
            assertThat(h.ipv4(a, b, pa, pb)).isEqualTo(h.ipv4(b, a, pb, pa));
        }
    }

    @Test
    void sortedTupleHashIsSymmetricWithTheMicrosoftKey() {
        SortedTupleHash h = new SortedTupleHash(ToeplitzHash.microsoft());
        Random rnd = new Random(SEED + 2);
        for (int i = 0; i < 20_000; i++) {
            int a = rnd.nextInt(), b = i % 10 == 0 ? a : rnd.nextInt();
            int pa = rnd.nextInt(65536), pb = rnd.nextInt(65536);
            long ah = rnd.nextLong(), al = rnd.nextLong(), bh = i % 10 == 1 ? ah : rnd.nextLong(), bl = rnd.nextLong();
            assertThat(h.ipv4(a, b)).isEqualTo(h.ipv4(b, a));
            assertThat(h.ipv4(a, b, pa, pb)).isEqualTo(h.ipv4(b, a, pb, pa));
            assertThat(h.ipv6(ah, al, bh, bl)).isEqualTo(h.ipv6(bh, bl, ah, al));
            assertThat(h.ipv6(ah, al, bh, bl, pa, pb)).isEqualTo(h.ipv6(bh, bl, ah, al, pb, pa));
        }
    }

    @Test
    void sortedTupleHashEqualsThePlainHashOfTheOrderedTuple() {
        ToeplitzHash plain = ToeplitzHash.microsoft();
        SortedTupleHash h = new SortedTupleHash(plain);
        // 10.0.0.1:80 sorts below 10.0.0.2:1234.
        int lo = 0x0a000001, hi = 0x0a000002;
        assertThat(h.ipv4(hi, lo, 1234, 80)).isEqualTo(plain.ipv4(lo, hi, 80, 1234));
        assertThat(h.ipv4(lo, hi, 80, 1234)).isEqualTo(plain.ipv4(lo, hi, 80, 1234));
    }

    @Test
    void microsoftKeyIsNotSymmetric() {
        ToeplitzHash h = ToeplitzHash.microsoft();
        int a = 0x42099_5bb, b = 0xa18e_6450;
        assertThat(h.ipv4(a, b)).isNotEqualTo(h.ipv4(b, a));
    }
}
