package io.wirespeed.virt.nic;

/** The tag a port VLAN is inserted with: a customer tag (802.1Q, 0x8100) or a service tag (802.1ad, 0x88a8). */
public enum VlanProto {
    DOT1Q("802.1Q", 0x8100), DOT1AD("802.1ad", 0x88a8);

    private final String word;
    private final int tpid;

    VlanProto(String word, int tpid) {
        this.word = word;
        this.tpid = tpid;
    }

    public String word() {
        return word;
    }

    public int tpid() {
        return tpid;
    }

    /** {@code 802.1Q} or {@code 802.1ad}, as ip link spells them (any case). */
    public static VlanProto parse(String text) {
        for (VlanProto p : values()) {
            if (p.word.equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("VLAN protocol must be 802.1Q or 802.1ad (got '" + text + "')");
    }
}
