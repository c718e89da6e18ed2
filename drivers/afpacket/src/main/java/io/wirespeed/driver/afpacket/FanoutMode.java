package io.wirespeed.driver.afpacket;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the kernel spreads an interface's frames over the sockets of one PACKET_FANOUT group, that
 * is over the queue pairs of a port with {@code qpairs>1}. The values are the kernel's
 * PACKET_FANOUT_* modes.
 */
enum FanoutMode {
    /** By flow hash: a flow stays on one queue (DPDK's default). */
    HASH(0),
    /** Round robin, frame by frame. */
    LB(1),
    /** By the CPU that received the frame. */
    CPU(2),
    /** Fill one socket, move on to the next when it is full. */
    ROLLOVER(3),
    /** At random. */
    RND(4),
    /** By the frame's recorded receive queue (skb queue_mapping). */
    QM(5);

    /** Asks the kernel to reassemble IP fragments before hashing, so a datagram's pieces stay together. */
    static final int FLAG_DEFRAG = 0x8000;
    /** Asks the kernel for a group id nobody uses yet (the first member only). */
    static final int FLAG_UNIQUEID = 0x2000;

    final int kernelMode;

    FanoutMode(int kernelMode) {
        this.kernelMode = kernelMode;
    }

    /** The kernel's type-and-flags half of the PACKET_FANOUT argument for this mode. */
    int typeFlags() {
        return this == HASH ? kernelMode | FLAG_DEFRAG : kernelMode;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FanoutMode parse(String device, String text) {
        for (FanoutMode m : values()) {
            if (m.key().equals(text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException(device + ": fanout_mode=" + text + " is not a fanout mode (valid: "
                + Arrays.stream(values()).map(FanoutMode::key).collect(Collectors.joining(", ")) + ")");
    }
}
