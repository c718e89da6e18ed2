package io.wirespeed.driver.tap;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.sys.Syscalls;

/**
 * One multi-queue tap netdevice and this port's descriptors on it, one per queue pair: frames the
 * kernel sends out of the interface are read from a descriptor, frames written to a descriptor
 * arrive in the kernel as received by the interface. The kernel spreads the frames it sends over
 * the attached queues by flow hash.
 *
 * <p>An interface this port created is not persistent: it disappears when the last descriptor is
 * closed. An interface that existed is only attached to, and stays.
 */
final class TapDevice implements AutoCloseable {
    static final int MAX_QUEUES = 16;

    private final String device;
    private final String name;
    private final boolean created;
    private final int[] fds = new int[MAX_QUEUES];
    private int queues;
    private final long droppedAtOpen;
    private long lastDropped;

    private TapDevice(String device, String name, boolean created, int firstFd) {
        this.device = device;
        this.name = name;
        this.created = created;
        this.fds[0] = firstFd;
        this.queues = 1;
        long dropped = NetInterfaces.statistic(name, "tx_dropped");
        this.droppedAtOpen = Math.max(0, dropped);
        this.lastDropped = droppedAtOpen;
    }

    /**
     * Opens queue 0 of tap {@code requestedName}, creating the interface if there is none of that
     * name ({@code %d} in the name: the kernel picks the number).
     */
    static TapDevice open(String device, String requestedName) {
        boolean existed = requestedName.indexOf('%') < 0 && NetInterfaces.exists(requestedName);
        String[] actual = new String[1];
        int fd = TunControl.openQueue(device, requestedName, actual);
        return new TapDevice(device, actual[0], !existed, fd);
    }

    /** The kernel's name for the interface. */
    String name() {
        return name;
    }

    /** Whether this port created the interface (and so removes it on close). */
    boolean created() {
        return created;
    }

    int queues() {
        return queues;
    }

    /** The descriptor of queue pair {@code q}. */
    int fd(int q) {
        if (q < 0 || q >= queues) {
            throw new IllegalArgumentException(device + ": queue " + q + " is not attached (" + queues + " attached)");
        }
        return fds[q];
    }

    /** Attaches or detaches queues until there are {@code count}; queue 0 always stays. */
    void queues(int count) {
        if (count < 1 || count > MAX_QUEUES) {
            throw new IllegalArgumentException(device + ": " + count + " queues asked, net_tap supports 1.." + MAX_QUEUES);
        }
        String[] actual = new String[1];
        while (queues < count) {
            fds[queues] = TunControl.openQueue(device, name, actual);
            queues++;
        }
        while (queues > count) {
            queues--;
            Syscalls.close(fds[queues]);
        }
    }

    MacAddress macAddress() {
        return TunControl.macAddress(fds[0], name);
    }

    void macAddress(MacAddress mac) {
        TunControl.macAddress(fds[0], name, mac);
    }

    /**
     * Frames the kernel dropped on their way to this port since it opened (the interface's
     * tx_dropped: a full queue, no reader). Read from /sys/class/net, so once the interface has
     * moved to another network namespace the last value seen here stays.
     */
    long kernelDropped() {
        long now = NetInterfaces.statistic(name, "tx_dropped");
        if (now >= lastDropped) {
            lastDropped = now;
        }
        return lastDropped - droppedAtOpen;
    }

    @Override
    public void close() {
        while (queues > 0) {
            queues--;
            Syscalls.close(fds[queues]);
        }
    }

    @Override
    public String toString() {
        return name + (created ? " (created)" : " (attached)");
    }
}
