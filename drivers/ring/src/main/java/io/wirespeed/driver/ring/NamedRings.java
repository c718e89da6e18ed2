package io.wirespeed.driver.ring;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.ring.Ring;
import io.wirespeed.ring.SyncMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's rings by name (DPDK's rte_ring_lookup), so that ports made from separate devargs
 * meet on the same ring. Each ring is single-producer/single-consumer: at most one transmit queue
 * feeds it and one receive queue drains it, and attaching a second of either is refused.
 */
final class NamedRings {
    private static final Map<String, Entry> RINGS = new HashMap<>();

    private static final class Entry {
        final Ring<Mbuf> ring;
        String producer;
        String consumer;

        Entry(Ring<Mbuf> ring) {
            this.ring = ring;
        }
    }

    private NamedRings() {
    }

    /** The ring called {@code name}, created with {@code size} slots if it does not exist yet. */
    static synchronized Ring<Mbuf> attachProducer(String name, int size, String who) {
        Entry e = entry(name, size);
        if (e.producer != null) {
            throw new IllegalArgumentException(who + ": ring '" + name + "' is already fed by " + e.producer);
        }
        e.producer = who;
        return e.ring;
    }

    static synchronized Ring<Mbuf> attachConsumer(String name, int size, String who) {
        Entry e = entry(name, size);
        if (e.consumer != null) {
            throw new IllegalArgumentException(who + ": ring '" + name + "' is already drained by " + e.consumer);
        }
        e.consumer = who;
        return e.ring;
    }

    private static Entry entry(String name, int size) {
        Entry e = RINGS.get(name);
        if (e == null) {
            e = new Entry(Ring.create(name, size, SyncMode.SINGLE, SyncMode.SINGLE, Mbuf.class));
            RINGS.put(name, e);
        } else if (e.ring.capacity() != size) {
            throw new IllegalArgumentException("ring '" + name + "' exists with " + e.ring.capacity()
                    + " slots, not " + size);
        }
        return e;
    }

    /**
     * Lets go of a ring; when neither side holds it any more it is forgotten and whatever packets
     * it still held are freed.
     */
    static synchronized void detach(String name, String who) {
        Entry e = RINGS.get(name);
        if (e == null) {
            return;
        }
        if (who.equals(e.producer)) {
            e.producer = null;
        }
        if (who.equals(e.consumer)) {
            e.consumer = null;
        }
        if (e.producer == null && e.consumer == null) {
            RINGS.remove(name);
            for (Mbuf m; (m = e.ring.poll()) != null; ) {
                m.free();
            }
        }
    }
}
