package io.wirespeed.classify.lpm;

/**
 * IPv6 addresses and prefixes in text (control path): RFC 4291's forms in, RFC 5952's canonical
 * form out. An address is two longs in network order, {@code high} (bytes 0-7) and {@code low}.
 */
public final class Ipv6Prefixes {
    private Ipv6Prefixes() {}

    /** An address or a prefix: the host bits of a prefix are cleared. */
    public record Address6(long high, long low, int depth) {
        @Override
        public String toString() {
            return depth == 128 ? formatAddress(high, low) : format(high, low, depth);
        }
    }

    /** Whether the text looks like an IPv6 address or prefix rather than an IPv4 one. */
    public static boolean isIpv6(String text) {
        return text.indexOf(':') >= 0;
    }

    /** "2001:db8::1" (or "::ffff:192.0.2.1"): the address, depth 128. */
    public static Address6 parseAddress(String text) {
        long[] groups = groups(text);
        return new Address6(groups[0], groups[1], 128);
    }

    /** "2001:db8::/32": the address with host bits cleared, and the length 1..128. */
    public static Address6 parsePrefix(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix (ADDRESS/len)");
        }
        long[] address = groups(text.substring(0, slash));
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (len < 1 || len > 128) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be 1..128");
        }
        return new Address6(address[0] & highMask(len), address[1] & lowMask(len), len);
    }

    /** The mask of a prefix length over the high long. */
    public static long highMask(int depth) {
        return depth >= 64 ? -1L : depth <= 0 ? 0 : -1L << (64 - depth);
    }

    /** The mask of a prefix length over the low long. */
    public static long lowMask(int depth) {
        return depth <= 64 ? 0 : -1L << (128 - depth);
    }

    /** RFC 5952: lower case, leading zeros dropped, the longest run of two or more zero groups as "::". */
    public static String formatAddress(long high, long low) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            s.append(Integer.toHexString(g[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        return s.toString();
    }

    public static String format(long high, long low, int depth) {
        return formatAddress(high, low) + "/" + depth;
    }

    /** The address as {high, low}; one "::" at most, a dotted IPv4 tail allowed. */
    private static long[] groups(String text) {
        int[] g = new int[8];
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw bad(text, "'::' may appear once");
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] front = parseGroups(text, head, doubleColon < 0);
        int[] back = doubleColon >= 0 ? parseGroups(text, tail, true) : new int[0];
        if (doubleColon < 0 && front.length != 8) {
            throw bad(text, "8 groups of hex digits, or '::' for zeros");
        }
        if (doubleColon >= 0 && front.length + back.length > 7) {
            throw bad(text, "too many groups around '::'");
        }
        System.arraycopy(front, 0, g, 0, front.length);
        System.arraycopy(back, 0, g, 8 - back.length, back.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | g[i];
            low = low << 16 | g[4 + i];
        }
        return new long[] {high, low};
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups) when it ends the address. */
    private static int[] parseGroups(String text, String part, boolean endsAddress) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] words = part.split(":", -1);
        boolean ipv4Tail = endsAddress && words[words.length - 1].indexOf('.') >= 0;
        int[] out = new int[words.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (ipv4Tail && i == words.length - 1) {
                int v4;
                try {
                    v4 = Prefixes.parseAddress(w);
                } catch (IllegalArgumentException e) {
                    throw bad(text, "'" + w + "' is not a dotted IPv4 tail");
                }
                out[i] = v4 >>> 16;
                out[i + 1] = v4 & 0xffff;
                break;
            }
            if (w.isEmpty() || w.length() > 4) {
                throw bad(text, "each group is 1 to 4 hex digits");
            }
            int v = 0;
            for (int k = 0; k < w.length(); k++) {
                int d = Character.digit(w.charAt(k), 16);
                if (d < 0) {
                    throw bad(text, "'" + w + "' is not hex");
                }
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not an IPv6 address (" + why + ")");
    }
}
