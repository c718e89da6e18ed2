package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.sys.Sockets;
import io.wirespeed.sys.SysException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the driver reads about an interface (from /sys/class/net of the current network namespace)
 * and the two flags it changes (IFF_PROMISC, IFF_ALLMULTI, through SIOCGIFFLAGS/SIOCSIFFLAGS),
 * restoring the flags it found when closed.
 */
final class NetDevice implements AutoCloseable {
    static final int IFF_PROMISC = 0x100;
    static final int IFF_ALLMULTI = 0x200;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final int IFREQ_SIZE = 40;

    private final String name;
    private final Path sys;
    /** The flags as found, before the first change; -1 while nothing was changed. */
    private int originalFlags = -1;

    NetDevice(String name) {
        this.name = name;
        this.sys = Path.of("/sys/class/net", name);
    }

    String name() {
        return name;
    }

    /** Receive queues the kernel exposes (/sys/class/net/NAME/queues/rx-N). */
    int rxQueues() {
        return countQueues("rx-");
    }

    int txQueues() {
        return countQueues("tx-");
    }

    private int countQueues(String prefix) {
        try (Stream<Path> q = Files.list(sys.resolve("queues"))) {
            return (int) q.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    MacAddress macAddress() {
        String text = read("address");
        try {
            return text == null ? MacAddress.ZERO : MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return MacAddress.ZERO;     // not an Ethernet device
        }
    }

    LinkStatus link() {
        String state = read("operstate");
        boolean up = "up".equals(state) || "unknown".equals(state) && "1".equals(read("carrier"));
        if (!up) {
            return LinkStatus.DOWN;
        }
        String speed = read("speed");
        int mbps = 0;
        try {
            mbps = speed == null ? 0 : Math.max(0, Integer.parseInt(speed));
        } catch (NumberFormatException ignored) {
            // "-1" or garbage: unknown
        }
        return LinkStatus.up(mbps);
    }

    private String read(String attribute) {
        try {
            return Files.readString(sys.resolve(attribute)).strip();
        } catch (IOException e) {
            return null;        // a down device refuses some reads (speed: EINVAL)
        }
    }

    /** Sets or clears {@code flag} (IFF_PROMISC or IFF_ALLMULTI), remembering the flags found first. */
    void flag(int flag, boolean on) {
        int flags = flags();
        if (originalFlags < 0) {
            originalFlags = flags;
        }
        int wanted = on ? flags | flag : flags & ~flag;
        if (wanted != flags) {
            setFlags(wanted);
        }
    }

    private int flags() {
        return ioctlFlags(SIOCGIFFLAGS, 0);
    }

    private void setFlags(int flags) {
        ioctlFlags(SIOCSIFFLAGS, flags);
    }

    private int ioctlFlags(long request, int flags) {
        int fd = Sockets.socket(Sockets.AF_INET, Sockets.SOCK_DGRAM | Sockets.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, JAVA_BYTE, 0, Math.min(n.length, 15));
            ifr.set(JAVA_SHORT, 16, (short) flags);
            Sockets.ioctl(fd, request, ifr, (request == SIOCGIFFLAGS ? "SIOCGIFFLAGS " : "SIOCSIFFLAGS ") + name);
            return ifr.get(JAVA_SHORT, 16) & 0xffff;
        } finally {
            XdpProgram.closeQuietly(fd);
        }
    }

    /** Puts back IFF_PROMISC and IFF_ALLMULTI as they were found. */
    @Override
    public void close() {
        if (originalFlags < 0) {
            return;
        }
        try {
            int now = flags();
            int mask = IFF_PROMISC | IFF_ALLMULTI;
            int restored = now & ~mask | originalFlags & mask;
            if (restored != now) {
                setFlags(restored);
            }
        } catch (SysException ignored) {
            // The interface is gone (deleted under us): nothing to restore.
        }
        originalFlags = -1;
    }
}
