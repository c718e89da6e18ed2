package io.wirespeed.net;

/**
 * MAC addresses as the low 48 bits of a long, first octet in bits 47..40 (the order on the wire):
 * tests on the data path, text conversion on the control path.
 */
public final class MacAddress {
    public static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final long MASK = 0xffff_ffff_ffffL;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MacAddress() {}

    /** The I/G bit: group (multicast, broadcast included) rather than individual. */
    public static boolean isMulticast(long mac) {
        return (mac & 0x0100_0000_0000L) != 0;
    }

    public static boolean isBroadcast(long mac) {
        return (mac & MASK) == BROADCAST;
    }

    public static boolean isUnicast(long mac) {
        return !isMulticast(mac);
    }

    /** The U/L bit: assigned locally rather than by the vendor's OUI. */
    public static boolean isLocallyAdministered(long mac) {
        return (mac & 0x0200_0000_0000L) != 0;
    }

    /** {@code aa:bb:cc:dd:ee:ff}, lower case (allocates: control path). */
    public static String format(long mac) {
        char[] out = new char[17];
        for (int i = 0; i < 6; i++) {
            int octet = (int) (mac >>> (40 - 8 * i)) & 0xff;
            out[3 * i] = HEX[octet >>> 4];
            out[3 * i + 1] = HEX[octet & 0xf];
            if (i < 5) {
                out[3 * i + 2] = ':';
            }
        }
        return new String(out);
    }

    /**
     * Parses six two-digit hex octets separated by ':' (or '-'), either case.
     *
     * @throws IllegalArgumentException naming the text when it is not such an address
     */
    public static long parse(String text) {
        if (text == null || text.length() != 17) {
            throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): " + text);
        }
        char separator = text.charAt(2);
        if (separator != ':' && separator != '-') {
            throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): " + text);
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            int hi = Character.digit(text.charAt(3 * i), 16);
            int lo = Character.digit(text.charAt(3 * i + 1), 16);
            if (hi < 0 || lo < 0 || (i < 5 && text.charAt(3 * i + 2) != separator)) {
                throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): " + text);
            }
            mac = (mac << 8) | (hi << 4) | lo;
        }
        return mac;
    }
}
