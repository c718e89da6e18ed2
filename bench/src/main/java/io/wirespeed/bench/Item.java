package io.wirespeed.bench;

/** The element type every queue in the benchmarks carries (as an mbuf would be: a final class). */
public final class Item {
    final int id;

    Item(int id) {
        this.id = id;
    }

    static Item[] items(int n) {
        Item[] a = new Item[n];
        for (int i = 0; i < n; i++) {
            a[i] = new Item(i);
        }
        return a;
    }
}
