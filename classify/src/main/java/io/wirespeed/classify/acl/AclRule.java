package io.wirespeed.classify.acl;

/**
 * One ACL rule over the IPv4 5-tuple (rte_acl_rule with DPDK's ipv4 field definitions).
 *
 * <p>A packet matches when {@code (proto & protoMask) == proto}, its source and destination
 * addresses fall in the prefixes, and its ports lie in the inclusive ranges. Among the matching
 * rules, each category a rule's {@code categoryMask} names gets the {@code userdata} of the rule
 * with the highest {@code priority}; equal priorities go to the rule added first (DPDK leaves that
 * case undefined). Addresses are host-order ints ({@code 10.0.0.1 == 0x0a000001}); host bits
 * below a prefix length and protocol bits outside the mask are cleared, as they take no part in the
 * match.
 *
 * @param proto protocol value (0..255)
 * @param protoMask protocol bits that must equal {@code proto} (0 = any protocol)
 * @param srcAddr source prefix address
 * @param srcPrefixLength source prefix length, 0..32 (0 = any source)
 * @param dstAddr destination prefix address
 * @param dstPrefixLength destination prefix length, 0..32
 * @param srcPortLow lowest source port, 0..65535
 * @param srcPortHigh highest source port, {@code >= srcPortLow}
 * @param dstPortLow lowest destination port
 * @param dstPortHigh highest destination port
 * @param priority {@link #MIN_PRIORITY}..{@link #MAX_PRIORITY}, higher wins
 * @param categoryMask the categories (bits 0..15) the rule applies to, non-zero
 * @param userdata what a match returns; non-zero, since 0 means no match
 */
public record AclRule(int proto, int protoMask, int srcAddr, int srcPrefixLength, int dstAddr, int dstPrefixLength,
        int srcPortLow, int srcPortHigh, int dstPortLow, int dstPortHigh, int priority, int categoryMask, int userdata) {

    /** Lowest priority rte_acl accepts (RTE_ACL_MIN_PRIORITY). */
    public static final int MIN_PRIORITY = 1;
    /** Highest priority rte_acl accepts (RTE_ACL_MAX_PRIORITY, 2^29 - 1). */
    public static final int MAX_PRIORITY = 0x1FFF_FFFF;
    /** Categories a classifier resolves at most (RTE_ACL_MAX_CATEGORIES). */
    public static final int MAX_CATEGORIES = 16;
    /** A category mask naming all {@link #MAX_CATEGORIES} categories. */
    public static final int ALL_CATEGORIES = (1 << MAX_CATEGORIES) - 1;

    public AclRule {
        check(proto >= 0 && proto <= 0xff, "protocol %d is not 0..255", proto);
        check(protoMask >= 0 && protoMask <= 0xff, "protocol mask %d is not 0..255", protoMask);
        check(srcPrefixLength >= 0 && srcPrefixLength <= 32, "source prefix length %d is not 0..32", srcPrefixLength);
        check(dstPrefixLength >= 0 && dstPrefixLength <= 32, "destination prefix length %d is not 0..32", dstPrefixLength);
        checkPorts("source", srcPortLow, srcPortHigh);
        checkPorts("destination", dstPortLow, dstPortHigh);
        check(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY,
                "priority %d is not %d..%d", priority, MIN_PRIORITY, MAX_PRIORITY);
        check(categoryMask != 0 && (categoryMask & ~ALL_CATEGORIES) == 0,
                "category mask 0x%x must name at least one of categories 0..15 and no other", categoryMask);
        check(userdata != 0, "userdata must be non-zero (0 means no match)%s", "");
        proto &= protoMask;
        srcAddr &= prefixMask(srcPrefixLength);
        dstAddr &= prefixMask(dstPrefixLength);
    }

    /** The network mask of a prefix length: {@code 24 -> 0xffffff00}, {@code 0 -> 0}. */
    public static int prefixMask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** A builder whose fields start as wildcards, priority 1 and category 0; userdata must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this rule. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.proto = proto;
        b.protoMask = protoMask;
        b.srcAddr = srcAddr;
        b.srcLength = srcPrefixLength;
        b.dstAddr = dstAddr;
        b.dstLength = dstPrefixLength;
        b.srcLow = srcPortLow;
        b.srcHigh = srcPortHigh;
        b.dstLow = dstPortLow;
        b.dstHigh = dstPortHigh;
        b.priority = priority;
        b.categories = categoryMask;
        b.userdata = userdata;
        return b;
    }

    private static void checkPorts(String which, int low, int high) {
        check(low >= 0 && low <= 0xffff && high >= 0 && high <= 0xffff,
                "%s port range %d..%d is not within 0..65535", which, low, high);
        check(low <= high, "%s port range %d..%d has low > high", which, low, high);
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException("ACL rule: " + String.format(format, args));
        }
    }

    /** Builds an {@link AclRule}; every field not set is a wildcard. */
    public static final class Builder {
        private int proto;
        private int protoMask;
        private int srcAddr;
        private int srcLength;
        private int dstAddr;
        private int dstLength;
        private int srcLow;
        private int srcHigh = 0xffff;
        private int dstLow;
        private int dstHigh = 0xffff;
        private int priority = MIN_PRIORITY;
        private int categories = 1;
        private int userdata;

        private Builder() {
        }

        /** Protocol value and mask (DPDK's BITMASK field), e.g. {@code (6, 0xfe)} for 6 and 7. */
        public Builder proto(int value, int mask) {
            this.proto = value;
            this.protoMask = mask;
            return this;
        }

        /** Exactly this protocol. */
        public Builder proto(int value) {
            return proto(value, 0xff);
        }

        public Builder src(int addr, int prefixLength) {
            this.srcAddr = addr;
            this.srcLength = prefixLength;
            return this;
        }

        /** Source prefix in CIDR text, {@code "10.1.0.0/16"}, or a single address. */
        public Builder src(String cidr) {
            long p = Ipv4Text.parsePrefix(cidr);
            return src((int) (p >>> 8), (int) (p & 0xff));
        }

        public Builder dst(int addr, int prefixLength) {
            this.dstAddr = addr;
            this.dstLength = prefixLength;
            return this;
        }

        /** Destination prefix in CIDR text. */
        public Builder dst(String cidr) {
            long p = Ipv4Text.parsePrefix(cidr);
            return dst((int) (p >>> 8), (int) (p & 0xff));
        }

        public Builder srcPorts(int low, int high) {
            this.srcLow = low;
            this.srcHigh = high;
            return this;
        }

        public Builder srcPort(int port) {
            return srcPorts(port, port);
        }

        public Builder dstPorts(int low, int high) {
            this.dstLow = low;
            this.dstHigh = high;
            return this;
        }

        public Builder dstPort(int port) {
            return dstPorts(port, port);
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** The categories the rule applies to, one bit each (bit 0 = category 0). */
        public Builder categoryMask(int mask) {
            this.categories = mask;
            return this;
        }

        public Builder userdata(int userdata) {
            this.userdata = userdata;
            return this;
        }

        /** The rule; throws {@link IllegalArgumentException} naming the field that is out of range. */
        public AclRule build() {
            return new AclRule(proto, protoMask, srcAddr, srcLength, dstAddr, dstLength,
                    srcLow, srcHigh, dstLow, dstHigh, priority, categories, userdata);
        }
    }
}
