package io.wirespeed.ethdev;

import java.util.HexFormat;

/** A 48-bit Ethernet address, held in the low bits of a long (first octet most significant). */
public record MacAddress(long bits) {
    public static final MacAddress ZERO = new MacAddress(0);
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    public MacAddress {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address value 0x" + Long.toHexString(bits) + " is wider than 48 bits");
        }
    }

    /** Parses {@code 02:00:00:00:00:01} (also with '-' separators). */
    public static MacAddress parse(String text) {
        String[] octets = text.strip().split("[:-]");
        if (octets.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (expected e.g. 02:00:00:00:00:01)");
        }
        long bits = 0;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 2 || !HexFormat.isHexDigit(o.charAt(0)) || !HexFormat.isHexDigit(o.charAt(o.length() - 1))) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (expected e.g. 02:00:00:00:00:01)");
            }
            bits = bits << 8 | Integer.parseInt(o, 16);
        }
        return new MacAddress(bits);
    }

    /** A locally administered unicast address 02:00:00:00:XX:YY made from a number (e.g. a port id). */
    public static MacAddress local(int n) {
        return new MacAddress(0x0200_0000_0000L | (n & 0xffff_ffffL));
    }

    public boolean isMulticast() {
        return (bits >>> 40 & 1) != 0;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    public boolean isZero() {
        return bits == 0;
    }

    public int octet(int i) {
        return (int) (bits >>> (8 * (5 - i))) & 0xff;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit(octet(i) >> 4, 16)).append(Character.forDigit(octet(i) & 0xf, 16));
        }
        return sb.toString();
    }
}
