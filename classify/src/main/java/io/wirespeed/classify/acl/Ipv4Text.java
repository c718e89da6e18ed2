package io.wirespeed.classify.acl;

/**
 * Dotted-quad IPv4 text for rule files and builders (kept here: the ACL depends on no header
 * library). Strict as inet_pton: four decimal octets, no leading zeros.
 */
final class Ipv4Text {
    private Ipv4Text() {
    }

    /** The address, or -1L when {@code text} is not a dotted quad. */
    static long parseAddress(String text) {
        long addr = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (i <= n && octets < 4) {
            int start = i;
            int v = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                v = v * 10 + (text.charAt(i) - '0');
                if (v > 255) {
                    return -1;
                }
                i++;
            }
            int digits = i - start;
            if (digits == 0 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            addr = (addr << 8) | v;
            octets++;
            if (octets < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return octets == 4 && i == n ? addr : -1;
    }

    /** {@code "A.B.C.D/LEN"} (or {@code "A.B.C.D"} for /32) as {@code address << 8 | length}. */
    static long parsePrefix(String cidr) {
        int slash = cidr.indexOf('/');
        String a = slash < 0 ? cidr : cidr.substring(0, slash);
        long addr = parseAddress(a);
        int length = 32;
        if (slash >= 0) {
            String l = cidr.substring(slash + 1);
            length = l.matches("\\d{1,2}") ? Integer.parseInt(l) : -1;
        }
        if (addr < 0 || length < 0 || length > 32) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 prefix A.B.C.D/LEN (LEN 0..32)");
        }
        return addr << 8 | length;
    }

    static String format(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "." + (addr & 0xff);
    }
}
