package io.wirespeed.classify.hash;

/**
 * Breadth-first search for a cuckoo path (rte_hash's way): from a new key's two full buckets,
 * through the alternative buckets of the keys they hold, to the nearest bucket with an empty
 * slot, visiting each bucket at most once (so no slot appears twice on a path and every move
 * stays valid) and at most {@link #MAX_NODES} buckets. Writer only; allocates nothing after
 * construction.
 */
final class DisplacementSearch {
    /** Bound of the search: with 8 slots a bucket, about four levels of displacement. */
    static final int MAX_NODES = 1024;

    /** For node i: its bucket, the node it came from (-1 at a root), and the slot there whose key leads here. */
    final int[] bucket = new int[MAX_NODES];
    final int[] parent = new int[MAX_NODES];
    final int[] slot = new int[MAX_NODES];
    /** The empty slot of the leaf bucket after a successful search. */
    int leafSlot;

    private final int[] visited;
    private int epoch;

    DisplacementSearch(int buckets) {
        this.visited = new int[buckets];
    }

    /** The node of a bucket with an empty slot, reachable from b1 or b2; or -1 when the bound is hit first. */
    int search(BucketArray buckets, int b1, int b2) {
        if (++epoch == 0) {
            java.util.Arrays.fill(visited, 0);
            epoch = 1;
        }
        int n = 0;
        n = add(n, b1, -1, -1);
        n = add(n, b2, -1, -1);
        for (int head = 0; head < n; head++) {
            int b = bucket[head];
            for (int s = 0; s < BucketArray.SLOTS; s++) {
                int next = buckets.alternative(b, BucketArray.signature(buckets.get(b, s)));
                if (visited[next] == epoch) {
                    continue;
                }
                if (n == MAX_NODES) {
                    return -1;
                }
                n = add(n, next, head, s);
                int free = buckets.emptySlot(next);
                if (free >= 0) {
                    leafSlot = free;
                    return n - 1;
                }
            }
        }
        return -1;
    }

    private int add(int n, int b, int from, int fromSlot) {
        visited[b] = epoch;
        bucket[n] = b;
        parent[n] = from;
        slot[n] = fromSlot;
        return n + 1;
    }
}
