package io.wirespeed.app.l3fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random bytes, well-formed IPv4 and IPv6 frames and mutated ones through l3fwd's whole per-burst path
 * (check, lookup, TTL and checksum update, MAC rewrite, sort, send) under every lookup: nothing
 * throws, nothing leaks, and every packet is sent or counted under a drop reason.
 *
 * <p>{@code -Dwirespeed.fuzz.frames=N} sets the count per lookup (100,000 by default) and
 * {@code -Dwirespeed.fuzz.seed=S} the seed.
 */
class L3fwdFuzzTest {
    private static final int PORTS = 3;
    private static final int BURST = 32;
    private static final String ROUTES = """
            10.0.0.0/8 0
            10.1.0.0/16 1
            10.1.2.3/32 2
            10.2.0.9/32 7
            """;
    /** LPM routes IPv6 too; em and acl take IPv4 routes only. */
    private static final String IPV6_ROUTES = """
            2001:db8::/32 0
            2001:db8:1::/48 1
            2001:db8:1::3/128 2
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LookupMode.class)
    void randomAndMutatedFramesAreForwardedOrCountedAndNeverThrow(LookupMode mode) throws IOException {
        long frames = Long.getLong("wirespeed.fuzz.frames", 100_000);
        long seed = Long.getLong("wirespeed.fuzz.seed", 0x13f_f022L);
        Path routes = dir.resolve("routes.txt");
        Files.writeString(routes, switch (mode) {
            case EM -> "10.1.2.3 2\n10.2.0.9 1\n10.3.3.3 0\n";
            case LPM -> ROUTES + IPV6_ROUTES;
            case ACL -> ROUTES;
        });
        try (Mempool pool = Mempool.builder("l3fuzz" + System.nanoTime(), 1024).cacheSize(0).hugePages(false).build();
             RouteTable table = RoutesFile.load(mode, routes)) {
            FuzzRx rx = new FuzzRx(pool, new Random(seed), frames);
            CheckingTx[] tx = new CheckingTx[PORTS];
            L3fwdLoop.Output[] outputs = new L3fwdLoop.Output[PORTS];
            for (int p = 0; p < PORTS; p++) {
                tx[p] = new CheckingTx(p, new Random(seed + p));
                outputs[p] = new L3fwdLoop.Output(tx[p], 0x02_00_00_00_00_00L | p, 0x02_ff_00_00_00_00L | p);
            }
            L3fwdLoop loop = new L3fwdLoop(List.of(new L3fwdLoop.Source(0, rx)), outputs, table.newLookup(),
                    IdlePolicy.named("busy"), BURST, 0);
            long started = System.nanoTime();
            while (rx.left > 0) {
                try {
                    loop.forward(loop.sources().getFirst());
                } catch (RuntimeException e) {
                    throw new AssertionError("burst ending at frame " + (frames - rx.left) + " (seed " + seed + ") threw; last frame "
                            + HexFormat.of().formatHex(rx.last), e);
                }
            }
            long sent = 0;
            for (CheckingTx t : tx) {
                sent += t.accepted;
                assertThat(t.badFrames).as("frames sent on port %d that l3fwd should not have sent", t.port).isZero();
            }
            long dropped = 0;
            for (DropReason r : DropReason.values()) {
                dropped += loop.counters.dropped(r);
            }
            System.out.printf("L3fwdFuzzTest %s: %d frames in %d ms (seed %d): sent %d, dropped %d%n", mode, frames,
                    (System.nanoTime() - started) / 1_000_000, seed, sent, dropped);
            assertThat(loop.counters.received(0)).isEqualTo(frames);
            assertThat(sent + dropped).as("sent + dropped").isEqualTo(frames);
            assertThat(sent).as("some frames are routable").isPositive();
            assertThat(pool.inUseCount()).as("mbufs not returned").isZero();
        }
    }

    @Test
    void theTtlOfAForwardedFrameIsOneLessAndItsChecksumStillValid() throws IOException {
        Path routes = dir.resolve("routes.txt");
        Files.writeString(routes, ROUTES);
        try (Mempool pool = Mempool.builder("l3ttl" + System.nanoTime(), 64).cacheSize(0).hugePages(false).build();
             RouteTable table = RoutesFile.load(LookupMode.LPM, routes)) {
            FuzzRx rx = new FuzzRx(pool, new Random(1), 0);
            CheckingTx out = new CheckingTx(1, new Random(1));
            out.refuseSometimes = false;
            L3fwdLoop loop = new L3fwdLoop(List.of(new L3fwdLoop.Source(0, rx)), new L3fwdLoop.Output[] {null, new L3fwdLoop.Output(
                    out, 1, 2)}, table.newLookup(), IdlePolicy.named("busy"), BURST, 0);
            rx.fixed = Ipv4Frames.udp("10.1.9.9", 2);
            rx.left = 1;
            loop.forward(loop.sources().getFirst());

            assertThat(out.accepted).isEqualTo(1);
            assertThat(out.lastTtl).isEqualTo(1);
            assertThat(out.badFrames).isZero();
        }
    }

    /** Hands out {@code left} frames: random bytes, well-formed IPv4 or IPv6, or well-formed then mutated. */
    private static final class FuzzRx extends RxQueue {
        private final Mempool pool;
        private final Random random;
        private final FrameBuilder builder = new FrameBuilder();
        private final byte[] scratch = new byte[256];
        long left;
        byte[] fixed;
        byte[] last = new byte[0];

        FuzzRx(Mempool pool, Random random, long frames) {
            super(0, 0);
            this.pool = pool;
            this.random = random;
            this.left = frames;
        }

        @Override
        public int rxBurst(Mbuf[] mbufs, int offset, int n) {
            int count = (int) Math.min(n, Math.min(left, 1 + random.nextInt(BURST)));
            for (int i = 0; i < count; i++) {
                Mbuf m = pool.alloc();
                byte[] f = fixed != null ? fixed : next();
                m.write(f);
                last = f;
                mbufs[offset + i] = m;
            }
            left -= count;
            return count;
        }

        private byte[] next() {
            return switch (random.nextInt(4)) {
                case 0 -> randomBytes();
                case 1 -> wellFormed();
                default -> mutate(wellFormed());
            };
        }

        private byte[] randomBytes() {
            byte[] f = new byte[random.nextInt(100)];
            random.nextBytes(f);
            if (f.length > 13 && random.nextBoolean()) {
                // An IP ethertype, so the rest is taken for an IPv4 or IPv6 header.
                boolean ipv6 = random.nextBoolean();
                f[12] = (byte) (ipv6 ? 0x86 : 0x08);
                f[13] = (byte) (ipv6 ? 0xdd : 0);
            }
            return f;
        }

        private byte[] wellFormed() {
            builder.reset().ethernet(0x02_00_00_00_00_99L, 0x02_00_00_00_00_01L);
            if (random.nextBoolean()) {
                int[] destinations = {0x0a010203, 0x0a010909, 0x0a020009, 0x0a7f0001, 0xc0a80001, 0x0a030303};
                builder.ipv4(random.nextInt(), destinations[random.nextInt(destinations.length)]);
                if (random.nextInt(4) == 0) {
                    builder.ipv4Options(new byte[4 * (1 + random.nextInt(3))]);
                }
            } else {
                long[] highs = {0x2001_0db8_0001_0000L, 0x2001_0db8_0002_0000L, 0x2001_0db9_0000_0000L};
                builder.ipv6(random.nextLong(), random.nextLong(), highs[random.nextInt(highs.length)], random.nextInt(5));
            }
            builder.ttl(random.nextInt(5));
            if (random.nextBoolean()) {
                builder.udp(random.nextInt(65536), 53);
            } else {
                builder.tcp(random.nextInt(65536), 80);
            }
            builder.payload(random.nextInt(40));
            int length = builder.writeTo(MemorySegment.ofArray(scratch), 0);
            return java.util.Arrays.copyOf(scratch, length);
        }

        private byte[] mutate(byte[] f) {
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips && f.length > 0; i++) {
                int at = random.nextInt(Math.min(f.length, 40)); // mostly headers
                f[at] = (byte) random.nextInt(256);
            }
            return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(f, random.nextInt(f.length + 1)) : f;
        }
    }

    /** Takes packets, checks each is what l3fwd may send, frees it; sometimes refuses the tail of a burst. */
    private static final class CheckingTx extends TxQueue {
        final int port;
        private final Random random;
        boolean refuseSometimes = true;
        long accepted;
        long badFrames;
        int lastTtl = -1;

        CheckingTx(int port, Random random) {
            super(port, 0);
            this.port = port;
            this.random = random;
        }

        @Override
        public int txBurst(Mbuf[] mbufs, int offset, int n) {
            int take = refuseSometimes && random.nextInt(8) == 0 ? random.nextInt(n + 1) : n;
            for (int i = 0; i < take; i++) {
                byte[] f = mbufs[offset + i].toByteArray();
                boolean ipv6 = f.length > 13 && f[12] == (byte) 0x86 && f[13] == (byte) 0xdd;
                int ttlAt = ipv6 ? 21 : 22;
                lastTtl = f.length > ttlAt ? f[ttlAt] & 0xff : -1;
                boolean ok = (ipv6 ? f.length >= 54 && (f[14] & 0xf0) == 0x60
                                  : f.length >= 34 && f[12] == 0x08 && f[13] == 0 && (f[14] & 0xf0) == 0x40)
                        && lastTtl >= 1 && (f[5] & 0xff) == port;
                if (!ok) {
                    badFrames++;
                }
                mbufs[offset + i].free();
            }
            accepted += take;
            return take;
        }
    }
}
