package io.wirespeed.virt.traffic;

import io.wirespeed.net.MacAddress;

/**
 * One stream of frames: addresses, tags, size, how many and how fast. The frames are IPv4/UDP
 * (source port varied per frame, so RSS spreads them) cut or padded to {@code size} bytes.
 *
 * @param vlan the outer tag's VLAN ID, 0 for none
 * @param outerTpid the outer tag's TPID (0x8100 or 0x88a8)
 * @param innerVlan a second (802.1Q) tag inside the outer one, 0 for none
 * @param size bytes of the frame in memory (without the FCS), 1..{@link #MAX_SIZE}
 * @param ratePps frames per second, 0 for as fast as allowed
 */
public record FlowSpec(long destination, long source, int vlan, int outerTpid, int innerVlan, int qos, int size, long count,
                       long ratePps) {
    public static final int MAX_SIZE = 2048;

    public FlowSpec {
        if (vlan < 0 || vlan > 4095 || innerVlan < 0 || innerVlan > 4095) {
            throw new IllegalArgumentException("a frame's vlan and inner_vlan must be 0..4095 (got " + vlan + ", "
                    + innerVlan + ")");
        }
        if (innerVlan != 0 && vlan == 0) {
            throw new IllegalArgumentException("inner_vlan " + innerVlan + " needs an outer vlan");
        }
        if (outerTpid != 0x8100 && outerTpid != 0x88a8) {
            throw new IllegalArgumentException("a frame's outer TPID must be 0x8100 or 0x88a8");
        }
        if (qos < 0 || qos > 7) {
            throw new IllegalArgumentException("a frame's qos must be 0..7 (got " + qos + ")");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("frame size must be 1.." + MAX_SIZE + " bytes (got " + size + ")");
        }
        if (count < 0) {
            throw new IllegalArgumentException("frame count must be >= 0 (got " + count + ")");
        }
        if (ratePps < 0) {
            throw new IllegalArgumentException("rate_pps must be >= 0 (got " + ratePps + ")");
        }
    }

    /** Untagged frames as fast as allowed. */
    public static FlowSpec of(long destination, long source, int size, long count) {
        return new FlowSpec(destination, source, 0, 0x8100, 0, 0, size, count, 0);
    }

    public FlowSpec withVlan(int vid) {
        return new FlowSpec(destination, source, vid, outerTpid, innerVlan, qos, size, count, ratePps);
    }

    public FlowSpec withInnerVlan(int vid) {
        return new FlowSpec(destination, source, vlan, outerTpid, vid, qos, size, count, ratePps);
    }

    public FlowSpec withRate(long pps) {
        return new FlowSpec(destination, source, vlan, outerTpid, innerVlan, qos, size, count, pps);
    }

    @Override
    public String toString() {
        return MacAddress.format(source) + " -> " + MacAddress.format(destination) + (vlan != 0 ? " vlan " + vlan : "")
                + (innerVlan != 0 ? " inner " + innerVlan : "") + " " + size + " B x " + count;
    }
}
