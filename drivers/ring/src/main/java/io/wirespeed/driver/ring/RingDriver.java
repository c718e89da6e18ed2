package io.wirespeed.driver.ring;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.Driver;
import io.wirespeed.ethdev.PortBackend;
import java.util.Set;

/**
 * {@code net_ring}: a port whose queues are {@link io.wirespeed.ring.Ring}s. Transmit queue q
 * enqueues to ring {@code TX-q}, receive queue q dequeues from ring {@code RX-q}, where RX and TX
 * are the {@code rx=} and {@code tx=} names (default: the device name for both, so the port
 * loops packets back to itself). Two ports cross-connect with
 * {@code net_ring0,rx=a,tx=b} and {@code net_ring1,rx=b,tx=a}.
 */
public final class RingDriver implements Driver {
    static final int DEFAULT_RING_SIZE = 1024;

    @Override
    public String name() {
        return "net_ring";
    }

    @Override
    public Set<String> keys() {
        return Set.of("rx", "tx", "size");
    }

    @Override
    public String description() {
        return "ring device: queues are lock-free rings in memory (rx=NAME, tx=NAME cross-connect ports)";
    }

    @Override
    public PortBackend open(Devargs args) {
        int size = args.intValue("size", DEFAULT_RING_SIZE, 2, io.wirespeed.ring.Ring.MAX_SIZE);
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(args.name() + ": ring size=" + size + " is not a power of two (try "
                    + Integer.highestOneBit(size) * 2 + ")");
        }
        String rx = args.string("rx", args.name());
        String tx = args.string("tx", args.name());
        return new RingBackend(args.name(), rx, tx, size);
    }
}
