package io.wirespeed.virt.scenario;

import io.wirespeed.classify.lpm.Lpm4;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.Checksums;
import io.wirespeed.net.EthernetHeader;
import java.lang.foreign.MemorySegment;

/**
 * DPDK l3fwd on a one-port guest: IPv4 only; the header is checked (version, length, checksum),
 * the destination looked up in an LPM table, the TTL decremented with an RFC 1624 checksum update,
 * and the frame sent back to the neighbour it came from ({@code dst} = its source, {@code src} =
 * the guest). The table routes {@link #ROUTED_PREFIX}/8 (where the wire's flows go); anything else
 * has no route.
 */
final class L3Forward extends GuestApp {
    /** 10.0.0.0: the prefix the guest's table routes. */
    static final int ROUTED_PREFIX = 0x0a00_0000;
    private static final int ROUTE = 0;
    private final long ownMac;
    private final Lpm4 routes = new Lpm4(16, 4);

    L3Forward(long ownMac) {
        this.ownMac = ownMac;
        routes.add(ROUTED_PREFIX, 8, ROUTE);
    }

    @Override
    GuestDrops.Reason forward(Mbuf m) {
        MemorySegment s = m.buffer();
        long eth = m.dataOffset();
        int length = m.dataLength();
        if (length < EthernetHeader.LENGTH + 20 || Short.toUnsignedInt(s.get(BE_SHORT, eth + 12)) != EthernetHeader.TYPE_IPV4) {
            return GuestDrops.Reason.MALFORMED;
        }
        long ip = eth + EthernetHeader.LENGTH;
        int versionIhl = Byte.toUnsignedInt(s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, ip));
        int headerLength = (versionIhl & 0xf) * 4;
        if (versionIhl >>> 4 != 4 || headerLength < 20 || EthernetHeader.LENGTH + headerLength > length
                || !Checksums.ipv4HeaderValid(s, ip)) {
            return GuestDrops.Reason.MALFORMED;
        }
        if (routes.lookup(s.get(BE_INT, ip + 16)) == Lpm4.MISS) {
            return GuestDrops.Reason.NO_ROUTE;
        }
        int ttlProtocol = Short.toUnsignedInt(s.get(BE_SHORT, ip + 8));
        if (ttlProtocol >>> 8 <= 1) {
            return GuestDrops.Reason.TTL_EXCEEDED;
        }
        int decremented = ttlProtocol - 0x100;
        s.set(BE_SHORT, ip + 8, (short) decremented);
        int checksum = Short.toUnsignedInt(s.get(BE_SHORT, ip + 10));
        s.set(BE_SHORT, ip + 10, (short) Checksums.update16(checksum, ttlProtocol, decremented));
        writeMac(s, eth, readMac(s, eth + 6));
        writeMac(s, eth + 6, ownMac);
        return null;
    }
}
