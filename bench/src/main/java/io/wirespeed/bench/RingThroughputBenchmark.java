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
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Shape (b): one producer thread and one consumer thread (a JMH group) move elements through one
 * queue as fast as they can, busy-polling on full/empty. Read the secondary result
 * {@code <group>:dequeued} (elements per second through the queue); the primary score counts calls,
 * successful or not, and is not the figure to compare.
 *
 * <p>A call that moves nothing (ring full / empty) yields the CPU, as an lcore with a back-off idle
 * policy would: on a machine with fewer free CPUs than threads (2 CPUs shared with other work here),
 * spinning on full/empty burns the time slice the other side needs, and the result measures the
 * scheduler. With both threads on their own CPU the yield only costs on full/empty.
 *
 * <p>Per call the producer offers {@code burst} elements and the consumer asks for {@code burst}
 * (Ring: burst API; JCTools: fill/drain, or offer/poll loops; ABQ: offer loop / drainTo).
 * Every queue has 4096 slots; the Rings are typed ({@code Item[]} slots) except {@code ringSpScUntyped}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RingThroughputBenchmark {

    static final int SIZE = 4096;

    @Param({"1", "8", "32"})
    int burst;

    Ring<Item> spsc;
    Ring<Item> spscUntyped;
    Ring<Item> mpmc;
    SpscArrayQueue<Item> jcSpsc;
    SpscVarHandleArrayQueue<Item> jcSpscVh;
    MpmcVarHandleArrayQueue<Item> jcMpmcVh;
    MpmcArrayQueue<Item> jcMpmc;
    ArrayBlockingQueue<Item> abq;

    @Setup(Level.Trial)
    public void setup() {
        spsc = Ring.create("spsc", SIZE, SyncMode.SINGLE, SyncMode.SINGLE, Item.class);
        spscUntyped = Ring.create("spsc-untyped", SIZE, SyncMode.SINGLE, SyncMode.SINGLE);
        mpmc = Ring.create("mpmc", SIZE, SyncMode.MULTI, SyncMode.MULTI, Item.class);
        jcSpsc = new SpscArrayQueue<>(SIZE);
        jcSpscVh = new SpscVarHandleArrayQueue<>(SIZE);
        jcMpmc = new MpmcArrayQueue<>(SIZE);
        jcMpmcVh = new MpmcVarHandleArrayQueue<>(SIZE);
        abq = new ArrayBlockingQueue<>(SIZE);
    }

    /** The producer thread's burst source and its counters. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Producer {
        public long enqueued;
        public long full;
        Item[] src;
        ArraySupplier supplier;

        @Setup(Level.Trial)
        public void setup(RingThroughputBenchmark b) {
            src = Item.items(b.burst);
            supplier = new ArraySupplier(src);
        }

        @Setup(Level.Iteration)
        public void reset() {
            enqueued = 0;
            full = 0;
        }

        int count(int k) {
            if (k == 0) {
                full++;
                Thread.yield();
            }
            enqueued += k;
            return k;
        }
    }

    /** The consumer thread's burst destination and its counters. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Consumer {
        public long dequeued;
        public long empty;
        Item[] dst;
        ArrayConsumer consumer;
        ArrayList<Item> drained;

        @Setup(Level.Trial)
        public void setup(RingThroughputBenchmark b) {
            dst = new Item[b.burst];
            consumer = new ArrayConsumer(dst);
            drained = new ArrayList<>(b.burst);
        }

        @Setup(Level.Iteration)
        public void reset() {
            dequeued = 0;
            empty = 0;
        }

        int count(int k) {
            if (k == 0) {
                empty++;
                Thread.yield();
            }
            dequeued += k;
            return k;
        }
    }

    // ---------------------------------------------------------------- Wirespeed Ring

    @Benchmark
    @Group("ringSpSc")
    @GroupThreads(1)
    public int ringSpScEnqueue(Producer p) {
        return p.count(spsc.enqueueBurst(p.src, 0, burst));
    }

    @Benchmark
    @Group("ringSpSc")
    @GroupThreads(1)
    public int ringSpScDequeue(Consumer c) {
        return c.count(spsc.dequeueBurst(c.dst, 0, burst));
    }

    @Benchmark
    @Group("ringSpScUntyped")
    @GroupThreads(1)
    public int ringSpScUntypedEnqueue(Producer p) {
        return p.count(spscUntyped.enqueueBurst(p.src, 0, burst));
    }

    @Benchmark
    @Group("ringSpScUntyped")
    @GroupThreads(1)
    public int ringSpScUntypedDequeue(Consumer c) {
        return c.count(spscUntyped.dequeueBurst(c.dst, 0, burst));
    }

    @Benchmark
    @Group("ringMpMc")
    @GroupThreads(1)
    public int ringMpMcEnqueue(Producer p) {
        return p.count(mpmc.enqueueBurst(p.src, 0, burst));
    }

    @Benchmark
    @Group("ringMpMc")
    @GroupThreads(1)
    public int ringMpMcDequeue(Consumer c) {
        return c.count(mpmc.dequeueBurst(c.dst, 0, burst));
    }

    // ---------------------------------------------------------------- JCTools SPSC

    @Benchmark
    @Group("jctoolsSpscOfferPoll")
    @GroupThreads(1)
    public int jctoolsSpscOffer(Producer p) {
        SpscArrayQueue<Item> q = jcSpsc;
        Item[] src = p.src;
        int k = 0;
        while (k < src.length && q.offer(src[k])) {
            k++;
        }
        return p.count(k);
    }

    @Benchmark
    @Group("jctoolsSpscOfferPoll")
    @GroupThreads(1)
    public int jctoolsSpscPoll(Consumer c) {
        SpscArrayQueue<Item> q = jcSpsc;
        Item[] dst = c.dst;
        int k = 0;
        Item e;
        while (k < dst.length && (e = q.poll()) != null) {
            dst[k++] = e;
        }
        return c.count(k);
    }

    @Benchmark
    @Group("jctoolsSpscFillDrain")
    @GroupThreads(1)
    public int jctoolsSpscFill(Producer p) {
        return p.count(jcSpsc.fill(p.supplier.from(0), burst));
    }

    @Benchmark
    @Group("jctoolsSpscFillDrain")
    @GroupThreads(1)
    public int jctoolsSpscDrain(Consumer c) {
        return c.count(jcSpsc.drain(c.consumer.from(0), burst));
    }

    @Benchmark
    @Group("jctoolsSpscVarHandleOfferPoll")
    @GroupThreads(1)
    public int jctoolsSpscVarHandleOffer(Producer p) {
        SpscVarHandleArrayQueue<Item> q = jcSpscVh;
        Item[] src = p.src;
        int k = 0;
        while (k < src.length && q.offer(src[k])) {
            k++;
        }
        return p.count(k);
    }

    @Benchmark
    @Group("jctoolsSpscVarHandleOfferPoll")
    @GroupThreads(1)
    public int jctoolsSpscVarHandlePoll(Consumer c) {
        SpscVarHandleArrayQueue<Item> q = jcSpscVh;
        Item[] dst = c.dst;
        int k = 0;
        Item e;
        while (k < dst.length && (e = q.poll()) != null) {
            dst[k++] = e;
        }
        return c.count(k);
    }

    @Benchmark
    @Group("jctoolsSpscVarHandleFillDrain")
    @GroupThreads(1)
    public int jctoolsSpscVarHandleFill(Producer p) {
        return p.count(jcSpscVh.fill(p.supplier.from(0), burst));
    }

    @Benchmark
    @Group("jctoolsSpscVarHandleFillDrain")
    @GroupThreads(1)
    public int jctoolsSpscVarHandleDrain(Consumer c) {
        return c.count(jcSpscVh.drain(c.consumer.from(0), burst));
    }

    // ---------------------------------------------------------------- JCTools MPMC

    @Benchmark
    @Group("jctoolsMpmcFillDrain")
    @GroupThreads(1)
    public int jctoolsMpmcFill(Producer p) {
        return p.count(jcMpmc.fill(p.supplier.from(0), burst));
    }

    @Benchmark
    @Group("jctoolsMpmcFillDrain")
    @GroupThreads(1)
    public int jctoolsMpmcDrain(Consumer c) {
        return c.count(jcMpmc.drain(c.consumer.from(0), burst));
    }

    @Benchmark
    @Group("jctoolsMpmcVarHandleFillDrain")
    @GroupThreads(1)
    public int jctoolsMpmcVarHandleFill(Producer p) {
        return p.count(jcMpmcVh.fill(p.supplier.from(0), burst));
    }

    @Benchmark
    @Group("jctoolsMpmcVarHandleFillDrain")
    @GroupThreads(1)
    public int jctoolsMpmcVarHandleDrain(Consumer c) {
        return c.count(jcMpmcVh.drain(c.consumer.from(0), burst));
    }

    // ---------------------------------------------------------------- java.util.concurrent

    @Benchmark
    @Group("abq")
    @GroupThreads(1)
    public int abqOffer(Producer p) {
        ArrayBlockingQueue<Item> q = abq;
        Item[] src = p.src;
        int k = 0;
        while (k < src.length && q.offer(src[k])) {
            k++;
        }
        return p.count(k);
    }

    @Benchmark
    @Group("abq")
    @GroupThreads(1)
    public int abqDrainTo(Consumer c) {
        c.drained.clear();
        return c.count(abq.drainTo(c.drained, burst));
    }
}
