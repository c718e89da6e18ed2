package io.wirespeed.app.testpmd;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;

/**
 * icmpecho: turns ARP requests and ICMP echo requests (IPv4, optionally behind one VLAN tag)
 * into replies in place and sends them; every other packet, short ones included, is consumed.
 */
final class IcmpEchoEngine implements ForwardEngine {
    private static final int ARP_LENGTH = 28;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_ECHO_REPLY = 0;

    @Override
    public int forward(ForwardStream s) {
        Mbuf[] burst = s.burst;
        int n = s.receive();
        if (n == 0) {
            return 0;
        }
        long portMac = s.rxPortMac.bits();
        int replies = 0;
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            if (m.isContiguous() && toReply(m, portMac)) {
                burst[replies++] = m;
            } else {
                m.free();
            }
        }
        s.countConsumed(n - replies);
        s.transmit(replies);
        return n;
    }

    /** Rewrites a request into its reply; false (frame untouched) for anything else. */
    private static boolean toReply(Mbuf m, long portMac) {
        MemorySegment buf = m.buffer();
        long frame = m.dataOffset();
        int length = m.dataLength();
        if (length < Frames.ETHER_HEADER) {
            return false;
        }
        int l3 = Frames.ETHER_HEADER;
        int type = buf.get(Frames.U16, frame + Frames.ETHER_TYPE) & 0xffff;
        if (type == Frames.TYPE_VLAN) {
            if (length < Frames.ETHER_HEADER + 4) {
                return false;
            }
            type = buf.get(Frames.U16, frame + Frames.ETHER_TYPE + 4) & 0xffff;
            l3 += 4;
        }
        if (type == Frames.TYPE_ARP) {
            return arpReply(buf, frame, l3, length, portMac);
        }
        if (type == Frames.TYPE_IPV4) {
            return echoReply(buf, frame, l3, length);
        }
        return false;
    }

    private static boolean arpReply(MemorySegment buf, long frame, int l3, int length, long portMac) {
        if (length < l3 + ARP_LENGTH) {
            return false;
        }
        long arp = frame + l3;
        // Ethernet/IPv4 ARP request: htype 1, ptype 0x0800, hlen 6, plen 4, op 1.
        if (buf.get(Frames.U32, arp) != 0x0001_0800 || buf.get(Frames.U32, arp + 4) != 0x0604_0001) {
            return false;
        }
        long senderMac = Frames.readMac(buf, arp + 8);
        int senderIp = buf.get(Frames.U32, arp + 14);
        int targetIp = buf.get(Frames.U32, arp + 24);
        buf.set(Frames.U16, arp + 6, (short) 2);
        Frames.writeMac(buf, arp + 8, portMac);
        buf.set(Frames.U32, arp + 14, targetIp);
        Frames.writeMac(buf, arp + 18, senderMac);
        buf.set(Frames.U32, arp + 24, senderIp);
        Frames.writeMacs(buf, frame, senderMac, portMac);
        return true;
    }

    private static boolean echoReply(MemorySegment buf, long frame, int l3, int length) {
        if (length < l3 + Frames.IPV4_HEADER) {
            return false;
        }
        long ip = frame + l3;
        int versionIhl = buf.get(java.lang.foreign.ValueLayout.JAVA_BYTE, ip) & 0xff;
        int ihl = (versionIhl & 0xf) * 4;
        if (versionIhl >> 4 != 4 || ihl < Frames.IPV4_HEADER || length < l3 + ihl + 8) {
            return false;
        }
        if ((buf.get(java.lang.foreign.ValueLayout.JAVA_BYTE, ip + 9) & 0xff) != Frames.PROTO_ICMP
                || (buf.get(Frames.U16, ip + 6) & 0x3fff) != 0) { // not a fragment
            return false;
        }
        long icmp = ip + ihl;
        int typeCode = buf.get(Frames.U16, icmp) & 0xffff;
        if (typeCode != ICMP_ECHO_REQUEST << 8) {
            return false;
        }
        int source = buf.get(Frames.U32, ip + 12);
        buf.set(Frames.U32, ip + 12, buf.get(Frames.U32, ip + 16));
        buf.set(Frames.U32, ip + 16, source);        // swapping addresses leaves the IP checksum valid
        buf.set(Frames.U16, icmp, (short) (ICMP_ECHO_REPLY << 8));
        int checksum = buf.get(Frames.U16, icmp + 2) & 0xffff;
        buf.set(Frames.U16, icmp + 2, (short) Frames.updateChecksum(checksum, typeCode, ICMP_ECHO_REPLY << 8));
        Frames.swapMacs(buf, frame);
        return true;
    }
}
