package io.wirespeed.app.l2fwd;

/** Test frames as byte arrays. */
final class Frames {
    private Frames() {
    }

    /** A frame to {@code dst} from {@code src}, ethertype 0x88b5, payload bytes i & 0xff. */
    static byte[] frame(long dst, long src, int length) {
        byte[] f = new byte[length];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dst >>> (8 * (5 - i)));
            f[6 + i] = (byte) (src >>> (8 * (5 - i)));
        }
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        for (int i = 14; i < length; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    static long dst(byte[] f) {
        return mac(f, 0);
    }

    static long src(byte[] f) {
        return mac(f, 6);
    }

    private static long mac(byte[] f, int at) {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | f[at + i] & 0xff;
        }
        return m;
    }
}
