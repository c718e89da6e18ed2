package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Sockets;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * The set-up calls on an AF_PACKET socket (linux/if_packet.h): socket, PACKET_VERSION, rings,
 * bind, fanout, memberships, statistics. Every call here is control path; the data path touches
 * only the mapped rings and one sendto per transmit burst.
 */
final class PacketSocket {
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_DROP_MEMBERSHIP = 2;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_TX_RING = 13;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_FANOUT = 18;
    static final int PACKET_QDISC_BYPASS = 20;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_MR_ALLMULTI = 2;
    static final int ETH_P_ALL = 0x0003;
    static final int ENOPROTOOPT = 92;
    static final int EAFNOSUPPORT = 97;
    private static final int SIOCGIFHWADDR = 0x8927;
    private static final int SIOCSIFHWADDR = 0x8924;
    private static final int ARPHRD_ETHER = 1;
    private static final int IFNAMSIZ = 16;

    private PacketSocket() {
    }

    /**
     * A raw packet socket that receives nothing yet (protocol 0): frames flow only once
     * {@link #bind} names the interface and ETH_P_ALL, after the rings are in place. No
     * permission is the one line that says which capability is missing.
     */
    static int open(String device) {
        try {
            return Sockets.socket(Sockets.AF_PACKET, Sockets.SOCK_RAW | Sockets.SOCK_CLOEXEC, 0);
        } catch (SysException e) {
            throw new IllegalArgumentException(socketFailure(device, e.errno()), e);
        }
    }

    /** What a failed socket(AF_PACKET) means for the user, in one line. */
    static String socketFailure(String device, int errno) {
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return device + ": a packet socket needs CAP_NET_RAW (run as root, or: setcap cap_net_raw+ep $(readlink -f $JAVA_HOME/bin/java))";
        }
        if (errno == EAFNOSUPPORT) {
            return device + ": this kernel has no AF_PACKET sockets (modprobe af_packet, or a kernel built with CONFIG_PACKET)";
        }
        return device + ": socket(AF_PACKET, SOCK_RAW): " + Errno.name(errno) + " (" + Errno.description(errno) + ")";
    }

    static void setInt(int fd, int option, int value) {
        Sockets.setsockopt(fd, SOL_PACKET, option, value);
    }

    /** PACKET_RX_RING or PACKET_TX_RING with a struct tpacket_req3. */
    static void setRing(int fd, int option, RingGeometry g, int retireTimeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = arena.allocate(7 * 4L, 4);
            req.set(JAVA_INT, 0, g.blockSize());
            req.set(JAVA_INT, 4, g.blockCount());
            req.set(JAVA_INT, 8, g.frameSize());
            req.set(JAVA_INT, 12, g.frameCount());
            // tp_retire_blk_tov; the transmit ring must leave it, tp_sizeof_priv and
            // tp_feature_req_word at 0.
            req.set(JAVA_INT, 16, option == PACKET_RX_RING ? retireTimeoutMs : 0);
            Sockets.setsockopt(fd, SOL_PACKET, option, req);
        }
    }

    /** Starts the socket receiving every protocol on interface {@code ifindex} (and sending there). */
    static void bind(int fd, int ifindex) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sll = arena.allocate(20, 4);
            sll.set(JAVA_SHORT, 0, (short) Sockets.AF_PACKET);
            sll.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) ETH_P_ALL);
            sll.set(JAVA_INT, 4, ifindex);
            Sockets.bind(fd, sll);
        }
    }

    /** Joins fanout group {@code id} (or, with FLAG_UNIQUEID and id 0, makes a new one). */
    static void joinFanout(int fd, int id, int typeFlags) {
        Sockets.setsockopt(fd, SOL_PACKET, PACKET_FANOUT, (id & 0xffff) | typeFlags << 16);
    }

    /** The id of the fanout group the socket is in. */
    static int fanoutId(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            Sockets.getsockopt(fd, SOL_PACKET, PACKET_FANOUT, v);
            return v.get(JAVA_INT, 0) & 0xffff;
        }
    }

    /**
     * Reads and clears the socket's struct tpacket_stats_v3 into {@code out}: tp_packets,
     * tp_drops, tp_freeze_q_cnt. The kernel zeroes its counters on every read, so callers add up.
     */
    static void readStatistics(int fd, MemorySegment out) {
        Sockets.getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, out);
    }

    /** PACKET_ADD_MEMBERSHIP / PACKET_DROP_MEMBERSHIP of type PACKET_MR_PROMISC or _ALLMULTI. */
    static void membership(int fd, int ifindex, int type, boolean add) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mreq = arena.allocate(16, 4);
            mreq.set(JAVA_INT, 0, ifindex);
            mreq.set(JAVA_SHORT, 4, (short) type);
            Sockets.setsockopt(fd, SOL_PACKET, add ? PACKET_ADD_MEMBERSHIP : PACKET_DROP_MEMBERSHIP, mreq);
        }
    }

    /** The interface's hardware address (SIOCGIFHWADDR), the 6 bytes in a long. */
    static long hardwareAddress(int fd, String iface) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(arena, iface);
            Sockets.ioctl(fd, SIOCGIFHWADDR, ifr, "SIOCGIFHWADDR " + iface);
            long bits = 0;
            for (int i = 0; i < 6; i++) {
                bits = bits << 8 | (ifr.get(JAVA_BYTE, IFNAMSIZ + 2 + i) & 0xff);
            }
            return bits;
        }
    }

    /** Sets the interface's hardware address (SIOCSIFHWADDR; needs CAP_NET_ADMIN). */
    static void hardwareAddress(int fd, String iface, long bits) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(arena, iface);
            ifr.set(JAVA_SHORT, IFNAMSIZ, (short) ARPHRD_ETHER);
            for (int i = 0; i < 6; i++) {
                ifr.set(JAVA_BYTE, IFNAMSIZ + 2 + i, (byte) (bits >>> (8 * (5 - i))));
            }
            Sockets.ioctl(fd, SIOCSIFHWADDR, ifr, "SIOCSIFHWADDR " + iface);
        }
    }

    private static MemorySegment ifreq(Arena arena, String iface) {
        MemorySegment ifr = arena.allocate(40, 8);
        byte[] name = iface.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MemorySegment.copy(name, 0, ifr, JAVA_BYTE, 0, Math.min(name.length, IFNAMSIZ - 1));
        return ifr;
    }

    /** Closes quietly: used on paths that are already failing or shutting down. */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                Syscalls.close(fd);
            } catch (RuntimeException ignored) {
                // nothing useful to do: the descriptor is gone either way
            }
        }
    }
}
