package io.wirespeed.bench;

import io.wirespeed.ring.Ring;
import io.wirespeed.ring.SyncMode;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Shape (a): one thread enqueues a burst and dequeues it again. The score is the time of one
 * burst in and out (ns per {@code burst} enqueues + {@code burst} dequeues), the figure DPDK's
 * ring_perf_autotest prints per element as "SP/SC bulk enq/dequeue (size: 32)".
 *
 * <p>The Ring is created as the kit creates its rings of mbufs, typed ({@code Ring.create(..., Item.class)}:
 * its slots are an {@code Item[]}, as the bursts are); {@code ringSpScBulkUntyped} shows the
 * untyped ring ({@code Object[]} slots), whose dequeue into an {@code Item[]} checks each element.
 *
 * <p>Every queue has 4096 slots (ring_perf's RING_SIZE). JCTools appears twice: the classic
 * {@code SpscArrayQueue}/{@code MpmcArrayQueue} (jctools-core, sun.misc.Unsafe) and the
 * VarHandle ports from jctools-core-jdk11; each with {@code offer}/{@code poll} per element and
 * with its batch API {@code fill}/{@code drain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RingBurstBenchmark {

    static final int SIZE = 4096;

    @Param({"1", "8", "32"})
    int burst;

    Item[] src;
    Item[] dst;
    Ring<Item> spsc;
    Ring<Item> spscUntyped;
    Ring<Item> mpmc;
    SpscArrayQueue<Item> jcSpsc;
    MpmcArrayQueue<Item> jcMpmc;
    SpscVarHandleArrayQueue<Item> jcSpscVh;
    MpmcVarHandleArrayQueue<Item> jcMpmcVh;
    ArrayBlockingQueue<Item> abq;
    ArrayList<Item> drained;
    ArraySupplier supplier;
    ArrayConsumer consumer;

    @Setup
    public void setup() {
        src = Item.items(burst);
        dst = new Item[burst];
        spsc = Ring.create("spsc", SIZE, SyncMode.SINGLE, SyncMode.SINGLE, Item.class);
        spscUntyped = Ring.create("spsc-untyped", SIZE, SyncMode.SINGLE, SyncMode.SINGLE);
        mpmc = Ring.create("mpmc", SIZE, SyncMode.MULTI, SyncMode.MULTI, Item.class);
        jcSpsc = new SpscArrayQueue<>(SIZE);
        jcMpmc = new MpmcArrayQueue<>(SIZE);
        jcSpscVh = new SpscVarHandleArrayQueue<>(SIZE);
        jcMpmcVh = new MpmcVarHandleArrayQueue<>(SIZE);
        abq = new ArrayBlockingQueue<>(SIZE);
        drained = new ArrayList<>(burst);
        supplier = new ArraySupplier(src);
        consumer = new ArrayConsumer(dst);
    }

    // ---------------------------------------------------------------- Wirespeed Ring

    @Benchmark
    public int ringSpScBulk() {
        return spsc.enqueueBulk(src, 0, burst) + spsc.dequeueBulk(dst, 0, burst);
    }

    @Benchmark
    public int ringSpScBulkUntyped() {
        return spscUntyped.enqueueBulk(src, 0, burst) + spscUntyped.dequeueBulk(dst, 0, burst);
    }

    @Benchmark
    public int ringMpMcBulk() {
        return mpmc.enqueueBulk(src, 0, burst) + mpmc.dequeueBulk(dst, 0, burst);
    }

    @Benchmark
    public int ringSpScOfferPoll() {
        Ring<Item> q = spsc;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = q.poll();
        }
        return n;
    }

    // ---------------------------------------------------------------- JCTools SPSC

    @Benchmark
    public int jctoolsSpscOfferPoll() {
        SpscArrayQueue<Item> q = jcSpsc;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = q.poll();
        }
        return n;
    }

    @Benchmark
    public int jctoolsSpscFillDrain() {
        return jcSpsc.fill(supplier.from(0), burst) + jcSpsc.drain(consumer.from(0), burst);
    }

    @Benchmark
    public int jctoolsSpscVarHandleOfferPoll() {
        SpscVarHandleArrayQueue<Item> q = jcSpscVh;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = q.poll();
        }
        return n;
    }

    @Benchmark
    public int jctoolsSpscVarHandleFillDrain() {
        return jcSpscVh.fill(supplier.from(0), burst) + jcSpscVh.drain(consumer.from(0), burst);
    }

    // ---------------------------------------------------------------- JCTools MPMC

    @Benchmark
    public int jctoolsMpmcOfferPoll() {
        MpmcArrayQueue<Item> q = jcMpmc;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = q.poll();
        }
        return n;
    }

    @Benchmark
    public int jctoolsMpmcFillDrain() {
        return jcMpmc.fill(supplier.from(0), burst) + jcMpmc.drain(consumer.from(0), burst);
    }

    @Benchmark
    public int jctoolsMpmcVarHandleOfferPoll() {
        MpmcVarHandleArrayQueue<Item> q = jcMpmcVh;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = q.poll();
        }
        return n;
    }

    @Benchmark
    public int jctoolsMpmcVarHandleFillDrain() {
        return jcMpmcVh.fill(supplier.from(0), burst) + jcMpmcVh.drain(consumer.from(0), burst);
    }

    // ---------------------------------------------------------------- java.util.concurrent

    @Benchmark
    public int abqOfferPoll() {
        ArrayBlockingQueue<Item> q = abq;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = q.poll();
        }
        return n;
    }

    @Benchmark
    public int abqOfferDrainTo() {
        ArrayBlockingQueue<Item> q = abq;
        int n = burst;
        for (int i = 0; i < n; i++) {
            q.offer(src[i]);
        }
        drained.clear();
        return q.drainTo(drained, n);
    }
}
