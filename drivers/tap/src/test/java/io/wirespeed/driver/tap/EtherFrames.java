package io.wirespeed.driver.tap;

import java.nio.ByteBuffer;

/** Frames the tests send and the replies they make, as byte arrays (test code: allocation is fine). */
final class EtherFrames {
    static final int TYPE_IPV4 = 0x0800;
    static final int TYPE_ARP = 0x0806;
    /** IEEE 802 local experimental ethertype: no stack answers it. */
    static final int TYPE_EXPERIMENTAL = 0x88b5;
    static final long BROADCAST = 0xffff_ffff_ffffL;

    private EtherFrames() {
    }

    static byte[] frame(long dst, long src, int etherType, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        putMac(b, dst);
        putMac(b, src);
        b.putShort((short) etherType);
        for (int i = 14; i < length; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    static int etherType(byte[] f) {
        return f.length < 14 ? -1 : (f[12] & 0xff) << 8 | f[13] & 0xff;
    }

    static long mac(byte[] f, int at) {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | f[at + i] & 0xff;
        }
        return m;
    }

    static int ipv4(byte[] f, int at) {
        return ByteBuffer.wrap(f, at, 4).getInt();
    }

    static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    /** An ARP request for {@code targetIp} (opcode 1), or false. */
    static boolean isArpRequestFor(byte[] f, int targetIp) {
        return etherType(f) == TYPE_ARP && f.length >= 42 && f[21] == 1 && ipv4(f, 38) == targetIp;
    }

    /** The reply a host with {@code mac} and {@code ip} gives to ARP request {@code request}. */
    static byte[] arpReply(byte[] request, long mac, int ip) {
        long askerMac = mac(request, 22);
        int askerIp = ipv4(request, 28);
        ByteBuffer b = ByteBuffer.allocate(42);
        putMac(b, askerMac);
        putMac(b, mac);
        b.putShort((short) TYPE_ARP);
        b.putShort((short) 1).putShort((short) TYPE_IPV4).put((byte) 6).put((byte) 4).putShort((short) 2);
        putMac(b, mac);
        b.putInt(ip);
        putMac(b, askerMac);
        b.putInt(askerIp);
        return b.array();
    }

    /** An ICMP echo request addressed to {@code ip}, or false. */
    static boolean isEchoRequestTo(byte[] f, int ip) {
        if (etherType(f) != TYPE_IPV4 || f.length < 34 + 8) {
            return false;
        }
        int ihl = (f[14] & 0x0f) * 4;
        return f[23] == 1 && ipv4(f, 30) == ip && f.length >= 14 + ihl + 8 && f[14 + ihl] == 8;
    }

    /** The echo reply to {@code request}: addresses swapped, type 0, ICMP checksum adjusted. */
    static byte[] echoReply(byte[] request) {
        byte[] r = request.clone();
        System.arraycopy(request, 6, r, 0, 6);
        System.arraycopy(request, 0, r, 6, 6);
        System.arraycopy(request, 26, r, 30, 4);
        System.arraycopy(request, 30, r, 26, 4);
        int icmp = 14 + (request[14] & 0x0f) * 4;
        r[icmp] = 0;
        // RFC 1624: the type byte went from 8 to 0, so the word type|code dropped by 0x0800.
        int sum = (~((r[icmp + 2] & 0xff) << 8 | r[icmp + 3] & 0xff) & 0xffff) + (~0x0800 & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        int checksum = ~sum & 0xffff;
        r[icmp + 2] = (byte) (checksum >> 8);
        r[icmp + 3] = (byte) checksum;
        return r;
    }

    private static void putMac(ByteBuffer b, long mac) {
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (mac >>> (8 * i)));
        }
    }
}
