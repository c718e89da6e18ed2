package io.wirespeed.classify.acl;

import java.util.Arrays;

/** A growable int array for the build; the classifier keeps only the trimmed copy. */
final class IntArray {
    private int[] a = new int[1024];
    private int size;

    int size() {
        return size;
    }

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[size++] = v;
    }

    /** Appends {@code n} zeros and returns the index of the first. */
    int grow(int n) {
        int at = size;
        if (size + n > a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, size + n));
        }
        size += n;
        return at;
    }

    void set(int i, int v) {
        a[i] = v;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
