package io.wirespeed.driver.pcap;

import java.nio.ByteBuffer;

/** Valid Ethernet / IPv4 / UDP frames of a chosen length, so that tcpdump prints one line for each. */
final class UdpFrames {
    private UdpFrames() {
    }

    /** A frame of {@code length} bytes (at least 42) from 198.18.0.1 to 198.18.0.2, UDP port {@code port}. */
    static byte[] frame(int length, int port) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ipLength = length - 14;
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) port).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {(byte) 198, 18, 0, 1})
                .put(new byte[] {(byte) 198, 18, 0, 2});
        b.putShort(24, ipChecksum(b.array(), 14, 20));
        b.putShort((short) 1024).putShort((short) port).putShort((short) (ipLength - 20)).putShort((short) 0);
        for (int i = b.position(); i < length; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    private static short ipChecksum(byte[] a, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i += 2) {
            sum += (a[i] & 0xff) << 8 | a[i + 1] & 0xff;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
