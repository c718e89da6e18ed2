package io.wirespeed.app.testpmd;

import java.nio.ByteBuffer;

/**
 * Builds frames byte by byte, independently of the code under test, and reads their fields back.
 * Everything in network byte order.
 */
final class TestFrames {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int PROTO_ICMP = 1;
    static final int PROTO_UDP = 17;
    static final long CLIENT_MAC = 0x02_00_00_00_aa_01L;
    static final long BROADCAST = 0xffff_ffff_ffffL;
    static final int CLIENT_IP = ip(10, 0, 0, 1);
    static final int SERVER_IP = ip(10, 0, 0, 2);

    private TestFrames() {
    }

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    static byte[] ethernet(long dst, long src, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        putMac(b, dst);
        putMac(b, src);
        b.putShort((short) type);
        b.put(payload);
        return b.array();
    }

    static byte[] vlanEthernet(long dst, long src, int tci, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(18 + payload.length);
        putMac(b, dst);
        putMac(b, src);
        b.putShort((short) ETHERTYPE_VLAN);
        b.putShort((short) tci);
        b.putShort((short) type);
        b.put(payload);
        return b.array();
    }

    /** An Ethernet/IPv4 ARP packet (28 bytes). */
    static byte[] arp(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) ETHERTYPE_IPV4).put((byte) 6).put((byte) 4).putShort((short) op);
        putMac(b, senderMac);
        b.putInt(senderIp);
        putMac(b, targetMac);
        b.putInt(targetIp);
        return b.array();
    }

    static byte[] ipv4(int src, int dst, int protocol, byte[] l4) {
        return ipv4(src, dst, protocol, 0, new byte[0], l4);
    }

    /** An IPv4 packet with a correct header checksum; {@code flagsFragment} is the 16-bit word at offset 6. */
    static byte[] ipv4(int src, int dst, int protocol, int flagsFragment, byte[] options, byte[] l4) {
        int ihl = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(ihl + l4.length);
        b.put((byte) (0x40 | ihl / 4)).put((byte) 0).putShort((short) (ihl + l4.length));
        b.putShort((short) 0x1234).putShort((short) flagsFragment);
        b.put((byte) 64).put((byte) protocol).putShort((short) 0);
        b.putInt(src).putInt(dst);
        b.put(options);
        byte[] bytes = b.array();
        int sum = sum16(bytes, 0, ihl);
        bytes[10] = (byte) (~sum >> 8);
        bytes[11] = (byte) ~sum;
        System.arraycopy(l4, 0, bytes, ihl, l4.length);
        return bytes;
    }

    /** An ICMP echo message (type 8 request, 0 reply) with a correct checksum. */
    static byte[] icmpEcho(int type, int id, int sequence, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) sequence).put(data);
        byte[] bytes = b.array();
        int sum = sum16(bytes, 0, bytes.length);
        bytes[2] = (byte) (~sum >> 8);
        bytes[3] = (byte) ~sum;
        return bytes;
    }

    static byte[] udp(int srcPort, int dstPort, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + data.length)).putShort((short) 0).put(data);
        return b.array();
    }

    /** A ping from the client to the server: Ethernet, IPv4, ICMP echo request with {@code data}. */
    static byte[] echoRequest(long serverMac, int id, int sequence, byte[] data) {
        return ethernet(serverMac, CLIENT_MAC, ETHERTYPE_IPV4,
                ipv4(CLIENT_IP, SERVER_IP, PROTO_ICMP, icmpEcho(8, id, sequence, data)));
    }

    static byte[] arpRequest() {
        return ethernet(BROADCAST, CLIENT_MAC, ETHERTYPE_ARP, arp(1, CLIENT_MAC, CLIENT_IP, 0, SERVER_IP));
    }

    static byte[] payload(int length, int seed) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (seed + 7 * i);
        }
        return p;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** One's-complement sum of {@code length} bytes, folded, not inverted. */
    static int sum16(byte[] b, int offset, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += u16(b, offset + i);
        }
        if (i < length) {
            sum += u8(b, offset + i) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** Whether a region that carries its own Internet checksum verifies (sums to 0xffff). */
    static boolean checksumVerifies(byte[] b, int offset, int length) {
        return sum16(b, offset, length) == 0xffff;
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return u8(b, at) << 8 | u8(b, at + 1);
    }

    static int u32(byte[] b, int at) {
        return u16(b, at) << 16 | u16(b, at + 2);
    }

    static long mac(byte[] b, int at) {
        return (u32(b, at) & 0xffff_ffffL) << 16 | u16(b, at + 4);
    }

    private static void putMac(ByteBuffer b, long mac) {
        b.putInt((int) (mac >>> 16)).putShort((short) mac);
    }
}
