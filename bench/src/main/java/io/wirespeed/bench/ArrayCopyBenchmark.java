package io.wirespeed.bench;

import java.util.concurrent.TimeUnit;
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
 * Why the Ring has typed slots: {@code System.arraycopy} of references copies without looking at
 * the elements when the source array's class is a subtype of the destination's (Item[] to Item[],
 * Item[] to Object[]); from Object[] to Item[] it checks every element's class.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ArrayCopyBenchmark {

    @Param({"32"})
    int burst;

    Item[] items;
    Item[] itemsOut;
    Object[] objects;

    @Setup
    public void setup() {
        items = Item.items(burst);
        itemsOut = new Item[burst];
        objects = new Object[burst];
        System.arraycopy(items, 0, objects, 0, burst);
    }

    @Benchmark
    public Object[] itemToItem() {
        System.arraycopy(items, 0, itemsOut, 0, burst);
        return itemsOut;
    }

    @Benchmark
    public Object[] itemToObject() {
        System.arraycopy(items, 0, objects, 0, burst);
        return objects;
    }

    @Benchmark
    public Object[] objectToItem() {
        System.arraycopy(objects, 0, itemsOut, 0, burst);
        return itemsOut;
    }
}
