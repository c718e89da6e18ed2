package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * N producers x M consumers for each legal mode combination. Every element carries its producer
 * and sequence number; each consumer checks that it sees every producer's elements in increasing
 * order, and at the end the consumers' sightings must cover every element exactly once.
 * Producers and consumers mix bulk, burst (with and without outputs) and single-element calls of
 * random sizes, on small rings so that full and empty are hit all the time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingConcurrencyTest {

    record Token(int producer, int seq) {
    }

    @Test
    void oneProducerOneConsumerSpSc() throws InterruptedException {
        stress(SyncMode.SINGLE, SyncMode.SINGLE, 1, 1, 4_000_000, 256, null);
    }

    @Test
    void twoProducersTwoConsumersMpMc() throws InterruptedException {
        stress(SyncMode.MULTI, SyncMode.MULTI, 2, 2, 2_000_000, 64, Token.class);
    }

    @Test
    void threeProducersOneConsumerMpSc() throws InterruptedException {
        stress(SyncMode.MULTI, SyncMode.SINGLE, 3, 1, 2_000_000, 64, null);
    }

    @Test
    void oneProducerThreeConsumersSpMc() throws InterruptedException {
        stress(SyncMode.SINGLE, SyncMode.MULTI, 1, 3, 2_000_000, 64, Token.class);
    }

    @Test
    void threeProducersThreeConsumersMpMcOnAFourSlotRing() throws InterruptedException {
        stress(SyncMode.MULTI, SyncMode.MULTI, 3, 3, 600_000, 4, null);
    }

    @Test
    void oneProducerOneConsumerSpScTypedRing() throws InterruptedException {
        stress(SyncMode.SINGLE, SyncMode.SINGLE, 1, 1, 2_000_000, 256, Token.class);
    }

    /** {@code type}: null for an untyped ring ({@code Object[]} slots), else a typed one. */
    private static void stress(SyncMode p, SyncMode c, int producers, int consumers, int total, int size,
                               Class<Token> type) throws InterruptedException {
        Ring<Token> ring = type == null ? Ring.create("stress", size, p, c) : Ring.create("stress", size, p, c, type);
        int perProducer = total / producers;
        long expected = (long) perProducer * producers;
        AtomicLong received = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<BitSet[]> seen = new ArrayList<>();

        for (int id = 0; id < producers; id++) {
            Token[] tokens = new Token[perProducer];
            for (int s = 0; s < perProducer; s++) {
                tokens[s] = new Token(id, s);
            }
            SplittableRandom random = new SplittableRandom(id);
            threads.add(worker("producer-" + id, failure, () -> produce(ring, tokens, random, failure)));
        }
        for (int id = 0; id < consumers; id++) {
            BitSet[] mine = new BitSet[producers];
            for (int q = 0; q < producers; q++) {
                mine[q] = new BitSet(perProducer);
            }
            seen.add(mine);
            SplittableRandom random = new SplittableRandom(1000 + id);
            threads.add(worker("consumer-" + id, failure,
                    () -> consume(ring, mine, expected, received, random, failure)));
        }
        try {
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            failure.compareAndSet(null, new AssertionError("interrupted")); // stops the workers if still running
            threads.forEach(Thread::interrupt);
        }

        assertThat(failure.get()).hasMessage("interrupted"); // nothing else went wrong
        assertThat(received.get()).isEqualTo(expected);
        for (int q = 0; q < producers; q++) {
            BitSet union = new BitSet(perProducer);
            long sightings = 0;
            for (BitSet[] mine : seen) {
                union.or(mine[q]);
                sightings += mine[q].cardinality();
            }
            assertThat(union.nextClearBit(0)).as("first lost element of producer %d", q).isEqualTo(perProducer);
            assertThat(sightings).as("sightings of producer %d's elements (duplicates if more)", q).isEqualTo(perProducer);
        }
        assertThat(ring.isEmpty()).isTrue();
    }

    private static Thread worker(String name, AtomicReference<Throwable> failure, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static void produce(Ring<Token> ring, Token[] tokens, SplittableRandom random, AtomicReference<Throwable> failure) {
        int[] freeSpace = new int[1];
        int sent = 0;
        while (sent < tokens.length && failure.get() == null) {
            int n = Math.min(1 + random.nextInt(Math.min(48, ring.capacity())), tokens.length - sent);
            int k = switch (random.nextInt(5)) {
                case 0 -> ring.enqueueBulk(tokens, sent, n);
                case 1 -> ring.enqueueBulk(tokens, sent, n, freeSpace);
                case 2 -> ring.enqueueBurst(tokens, sent, n, freeSpace);
                case 3 -> ring.offer(tokens[sent]) ? 1 : 0;
                default -> ring.enqueueBurst(tokens, sent, n);
            };
            if (k == 0) {
                Thread.yield(); // 2 cores, several threads: let the consumers run
            }
            sent += k;
        }
    }

    private static void consume(Ring<Token> ring, BitSet[] seen, long expected, AtomicLong received,
                                SplittableRandom random, AtomicReference<Throwable> failure) {
        Token[] batch = new Token[48];
        int[] available = new int[1];
        int[] last = new int[seen.length];
        Arrays.fill(last, -1);
        while (received.get() < expected && failure.get() == null) {
            int n = 1 + random.nextInt(Math.min(48, ring.capacity()));
            int k = switch (random.nextInt(5)) {
                case 0 -> ring.dequeueBulk(batch, 0, n);
                case 1 -> ring.dequeueBulk(batch, 0, n, available);
                case 2 -> ring.dequeueBurst(batch, 0, n, available);
                case 3 -> (batch[0] = ring.poll()) != null ? 1 : 0;
                default -> ring.dequeueBurst(batch, 0, n);
            };
            if (k == 0) {
                Thread.yield();
                continue;
            }
            for (int i = 0; i < k; i++) {
                Token t = batch[i];
                if (t.seq() <= last[t.producer()]) {
                    throw new AssertionError("producer " + t.producer() + ": element " + t.seq()
                            + " seen after " + last[t.producer()] + " by " + Thread.currentThread().getName());
                }
                last[t.producer()] = t.seq();
                seen[t.producer()].set(t.seq());
            }
            received.addAndGet(k);
        }
    }
}
