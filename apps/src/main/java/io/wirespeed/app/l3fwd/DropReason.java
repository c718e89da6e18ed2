package io.wirespeed.app.l3fwd;

/** Why l3fwd did not forward a packet; every packet received is forwarded or counted under one of these. */
public enum DropReason {
    /** Not IPv4 or IPv6 (ARP, VLAN-tagged, anything else): l3fwd routes IP only. */
    NOT_IP("not_ip"),
    /** An IP header that is truncated, has a bad version, IHL or length (RFC 1812 5.2.2). */
    MALFORMED("malformed"),
    /** TTL (hop limit) of 1 or 0: forwarding would send it out with none left. */
    TTL_EXPIRED("ttl_expired"),
    /** The lookup found no route, or the route leads to a port that is not enabled. */
    NO_ROUTE("no_route"),
    /** An ACL rule ({@code @} line) matched: the packet is denied. */
    ACL_DENIED("acl_denied"),
    /** The output port's transmit queue was full. */
    TX_FULL("tx_full");

    private static final DropReason[] ALL = values();

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The name in reports and JSON. */
    public String label() {
        return label;
    }

    static DropReason of(int ordinal) {
        return ALL[ordinal];
    }
}
