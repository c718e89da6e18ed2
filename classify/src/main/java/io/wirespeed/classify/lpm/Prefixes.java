package io.wirespeed.classify.lpm;

/** IPv4 addresses and prefixes in dotted-quad text (control path). */
public final class Prefixes {
    private Prefixes() {}

    /** "a.b.c.d" as an int in network order (a is the top byte). */
    public static int parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d)");
        }
        int ip = 0;
        for (String p : parts) {
            int b;
            try {
                b = p.isEmpty() || p.length() > 3 ? -1 : Integer.parseInt(p);
            } catch (NumberFormatException e) {
                b = -1;
            }
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (each part 0..255)");
            }
            ip = ip << 8 | b;
        }
        return ip;
    }

    /** "a.b.c.d/len": the address (host bits cleared) and the length, as {@code {address, length}}. */
    public static int[] parsePrefix(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix (a.b.c.d/len)");
        }
        int ip = parseAddress(text.substring(0, slash));
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (len < 1 || len > 32) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be 1..32");
        }
        return new int[] {ip & (-1 << (32 - len)), len};
    }

    public static String formatAddress(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
    }

    public static String format(int ip, int depth) {
        return formatAddress(ip) + "/" + depth;
    }
}
