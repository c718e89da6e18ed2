package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.setI32;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writes well-formed frames for generators and tests: Ethernet, an optional VLAN or QinQ tag pair,
 * IPv4 (with options) or IPv6 (with extension headers) or ARP, then UDP, TCP (with options), ICMP,
 * ICMPv6 or VXLAN around an inner frame, then a payload. Lengths and checksums are filled in.
 *
 * <pre>{@code
 * FrameBuilder b = new FrameBuilder().ethernet(dst, src).ipv4(0x0a000001, 0x0a000002).udp(1024, 53).payload(18);
 * for (...) { b.udp(port++, 53); b.writeTo(mbuf); }   // same shape: no allocation
 * }</pre>
 *
 * <p>The builder holds the shape; {@link #writeTo} allocates nothing, and neither do the setters
 * (byte arrays given for options, extension headers and payload are kept by reference, not
 * copied). Setters with a bad value (an option length that is not a multiple of 4, say) throw
 * IllegalArgumentException. Not thread-safe.
 */
public final class FrameBuilder {
    /** Extension headers one IPv6 builder can hold (more than the parser accepts, to build bad chains). */
    public static final int MAX_EXTENSIONS = 16;

    private static final int L3_NONE = 0;
    private static final int L3_IPV4 = 1;
    private static final int L3_IPV6 = 2;
    private static final int L3_ARP = 3;

    private static final int L4_NONE = 0;
    private static final int L4_UDP = 1;
    private static final int L4_TCP = 2;
    private static final int L4_ICMP = 3;
    private static final int L4_ICMPV6 = 4;
    private static final int L4_VXLAN = 5;

    private long destinationMac;
    private long sourceMac;
    private int etherType;
    private int tags;
    private int outerTci;
    private int innerTci;

    private int l3;
    private int ipv4Source;
    private int ipv4Destination;
    private int tos;
    private int ttl;
    private int identification;
    private int flagsAndFragment;
    private byte[] ipv4Options;
    private long ipv6SourceHigh;
    private long ipv6SourceLow;
    private long ipv6DestinationHigh;
    private long ipv6DestinationLow;
    private int flowLabel;
    private int extensionCount;
    private final int[] extensionTypes = new int[MAX_EXTENSIONS];
    private final byte[][] extensionBodies = new byte[MAX_EXTENSIONS][];
    private final int[] fragmentFields = new int[MAX_EXTENSIONS];
    private final int[] fragmentIds = new int[MAX_EXTENSIONS];
    private int arpOperation;
    private long arpSha;
    private int arpSpa;
    private long arpTha;
    private int arpTpa;

    private int l4;
    private int protocol;
    private int sourcePort;
    private int destinationPort;
    private int tcpSequence;
    private int tcpAcknowledgment;
    private int tcpFlags;
    private int tcpWindow;
    private byte[] tcpOptions;
    private int icmpType;
    private int icmpCode;
    private int icmpIdentifier;
    private int icmpSequence;
    private int vni;
    private FrameBuilder inner;

    private byte[] payload;
    private int payloadLength;
    private int padTo;

    public FrameBuilder() {
        reset();
    }

    /** Back to an empty Ethernet frame (zero MACs, ether type 0, no payload). */
    public FrameBuilder reset() {
        destinationMac = sourceMac = 0;
        etherType = 0;
        tags = 0;
        l3 = L3_NONE;
        tos = 0;
        ttl = 64;
        identification = 0;
        flagsAndFragment = 0;
        ipv4Options = null;
        flowLabel = 0;
        extensionCount = 0;
        l4 = L4_NONE;
        protocol = 0;
        tcpSequence = tcpAcknowledgment = 0;
        tcpFlags = TcpHeader.ACK;
        tcpWindow = 65535;
        tcpOptions = null;
        inner = null;
        payload = null;
        payloadLength = 0;
        padTo = 0;
        return this;
    }

    // ---- L2 -------------------------------------------------------------------------------------

    public FrameBuilder ethernet(long destination, long source) {
        destinationMac = destination;
        sourceMac = source;
        return this;
    }

    /** The ether type of a frame without L3 from this builder (ignored with IPv4, IPv6 or ARP). */
    public FrameBuilder etherType(int type) {
        etherType = type;
        return this;
    }

    /** One 802.1Q tag. */
    public FrameBuilder vlan(int tci) {
        tags = 1;
        innerTci = tci;
        return this;
    }

    /** An 802.1ad service tag and an 802.1Q customer tag. */
    public FrameBuilder qinq(int outerTci, int innerTci) {
        tags = 2;
        this.outerTci = outerTci;
        this.innerTci = innerTci;
        return this;
    }

    public FrameBuilder untagged() {
        tags = 0;
        return this;
    }

    // ---- L3 -------------------------------------------------------------------------------------

    public FrameBuilder ipv4(int source, int destination) {
        l3 = L3_IPV4;
        ipv4Source = source;
        ipv4Destination = destination;
        return this;
    }

    /** IPv4 options, already padded: a multiple of 4 bytes, at most 40; null or empty for none. */
    public FrameBuilder ipv4Options(byte[] options) {
        if (options != null && (options.length % 4 != 0 || options.length > Ipv4Header.MAX_LENGTH - Ipv4Header.MIN_LENGTH)) {
            throw new IllegalArgumentException("IPv4 options must be a multiple of 4 bytes, at most 40: " + options.length);
        }
        ipv4Options = options;
        return this;
    }

    /** IPv4 identification. */
    public FrameBuilder identification(int id) {
        identification = id;
        return this;
    }

    /** The IPv4 flags/fragment-offset field as a whole (see {@link Ipv4Header#FLAG_MORE_FRAGMENTS}). */
    public FrameBuilder ipv4Fragment(int offsetUnits, boolean moreFragments, boolean dontFragment) {
        flagsAndFragment = (offsetUnits & Ipv4Header.FRAGMENT_OFFSET_MASK)
                | (moreFragments ? Ipv4Header.FLAG_MORE_FRAGMENTS : 0) | (dontFragment ? Ipv4Header.FLAG_DONT_FRAGMENT : 0);
        return this;
    }

    /** IPv4 TOS or IPv6 traffic class. */
    public FrameBuilder tos(int value) {
        tos = value;
        return this;
    }

    /** IPv4 TTL or IPv6 hop limit (64 by default). */
    public FrameBuilder ttl(int value) {
        ttl = value;
        return this;
    }

    public FrameBuilder ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        l3 = L3_IPV6;
        ipv6SourceHigh = sourceHigh;
        ipv6SourceLow = sourceLow;
        ipv6DestinationHigh = destinationHigh;
        ipv6DestinationLow = destinationLow;
        return this;
    }

    public FrameBuilder flowLabel(int label) {
        flowLabel = label;
        return this;
    }

    /**
     * Appends an IPv6 extension header: hop-by-hop, routing or destination options (body + 2 a
     * multiple of 8) or AH (body + 2 a multiple of 4). {@code body} is what follows the next-header
     * and length bytes.
     */
    public FrameBuilder ipv6Extension(int type, byte[] body) {
        int unit = switch (type) {
            case IpProtocols.HOP_BY_HOP, IpProtocols.ROUTING, IpProtocols.DESTINATION_OPTIONS -> 8;
            case IpProtocols.AH -> 4;
            default -> throw new IllegalArgumentException(
                    "not an IPv6 extension header with a length field: " + type + " (use 0, 43, 51 or 60)");
        };
        if ((body.length + 2) % unit != 0 || body.length + 2 > (unit == 8 ? 256 * 8 : 257 * 4)) {
            throw new IllegalArgumentException("extension header " + type + ": body + 2 must be a multiple of " + unit
                    + " bytes: " + body.length);
        }
        return addExtension(type, body, 0, 0);
    }

    /** Appends an IPv6 fragment header (offset in 8-byte units). */
    public FrameBuilder ipv6Fragment(int offsetUnits, boolean moreFragments, int id) {
        return addExtension(IpProtocols.FRAGMENT, null, ((offsetUnits & 0x1fff) << 3) | (moreFragments ? 1 : 0), id);
    }

    private FrameBuilder addExtension(int type, byte[] body, int fragmentField, int fragmentId) {
        if (extensionCount == MAX_EXTENSIONS) {
            throw new IllegalArgumentException("more than " + MAX_EXTENSIONS + " IPv6 extension headers");
        }
        extensionTypes[extensionCount] = type;
        extensionBodies[extensionCount] = body;
        fragmentFields[extensionCount] = fragmentField;
        fragmentIds[extensionCount] = fragmentId;
        extensionCount++;
        return this;
    }

    public FrameBuilder clearIpv6Extensions() {
        extensionCount = 0;
        return this;
    }

    /** An Ethernet/IPv4 ARP packet instead of IP. */
    public FrameBuilder arp(int operation, long sha, int spa, long tha, int tpa) {
        l3 = L3_ARP;
        l4 = L4_NONE;
        arpOperation = operation;
        arpSha = sha;
        arpSpa = spa;
        arpTha = tha;
        arpTpa = tpa;
        return this;
    }

    // ---- L4 -------------------------------------------------------------------------------------

    public FrameBuilder udp(int source, int destination) {
        l4 = L4_UDP;
        protocol = IpProtocols.UDP;
        sourcePort = source;
        destinationPort = destination;
        return this;
    }

    public FrameBuilder tcp(int source, int destination) {
        l4 = L4_TCP;
        protocol = IpProtocols.TCP;
        sourcePort = source;
        destinationPort = destination;
        return this;
    }

    public FrameBuilder tcpSequence(int sequence, int acknowledgment) {
        tcpSequence = sequence;
        tcpAcknowledgment = acknowledgment;
        return this;
    }

    /** TCP flags (ACK by default). */
    public FrameBuilder tcpFlags(int flags) {
        tcpFlags = flags;
        return this;
    }

    public FrameBuilder tcpWindow(int window) {
        tcpWindow = window;
        return this;
    }

    /** TCP options, already padded: a multiple of 4 bytes, at most 40; null for none. */
    public FrameBuilder tcpOptions(byte[] options) {
        if (options != null && (options.length % 4 != 0 || options.length > TcpHeader.MAX_LENGTH - TcpHeader.MIN_LENGTH)) {
            throw new IllegalArgumentException("TCP options must be a multiple of 4 bytes, at most 40: " + options.length);
        }
        tcpOptions = options;
        return this;
    }

    /** An ICMP message (over IPv4): type, code, identifier and sequence (as echo messages have them). */
    public FrameBuilder icmp(int type, int code, int identifier, int sequence) {
        return icmpMessage(L4_ICMP, IpProtocols.ICMP, type, code, identifier, sequence);
    }

    /** An ICMPv6 message (over IPv6). */
    public FrameBuilder icmpv6(int type, int code, int identifier, int sequence) {
        return icmpMessage(L4_ICMPV6, IpProtocols.ICMPV6, type, code, identifier, sequence);
    }

    private FrameBuilder icmpMessage(int kind, int number, int type, int code, int identifier, int sequence) {
        l4 = kind;
        protocol = number;
        icmpType = type;
        icmpCode = code;
        icmpIdentifier = identifier;
        icmpSequence = sequence;
        return this;
    }

    /** No L4 header: the payload follows the IP header(s) as protocol {@code number}. */
    public FrameBuilder ipProtocol(int number) {
        l4 = L4_NONE;
        protocol = number;
        return this;
    }

    /**
     * UDP to port 4789 carrying a VXLAN header (I flag set) and the frame {@code inner} builds,
     * written at each {@link #writeTo}; the payload, if any, follows the inner frame.
     */
    public FrameBuilder vxlan(int sourcePort, int vni, FrameBuilder inner) {
        if (inner == this) {
            throw new IllegalArgumentException("a VXLAN frame cannot carry itself");
        }
        l4 = L4_VXLAN;
        protocol = IpProtocols.UDP;
        this.sourcePort = sourcePort;
        this.destinationPort = UdpHeader.PORT_VXLAN;
        this.vni = vni;
        this.inner = inner;
        return this;
    }

    // ---- payload ----------------------------------------------------------------------------------

    /** These bytes after the headers (kept by reference). */
    public FrameBuilder payload(byte[] bytes) {
        payload = bytes;
        payloadLength = bytes.length;
        return this;
    }

    /** {@code length} bytes counting 0, 1, 2, ... after the headers. */
    public FrameBuilder payload(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("payload length must not be negative: " + length);
        }
        payload = null;
        payloadLength = length;
        return this;
    }

    /** Zero bytes after the packet up to this frame length (Ethernet's 60, say); not counted in IP lengths. */
    public FrameBuilder padTo(int frameLength) {
        padTo = frameLength;
        return this;
    }

    // ---- lengths ----------------------------------------------------------------------------------

    public int l2Length() {
        return EthernetHeader.LENGTH + tags * VlanHeader.LENGTH;
    }

    public int l3Length() {
        return switch (l3) {
            case L3_IPV4 -> Ipv4Header.MIN_LENGTH + (ipv4Options == null ? 0 : ipv4Options.length);
            case L3_IPV6 -> Ipv6Header.LENGTH + extensionsLength();
            case L3_ARP -> ArpHeader.LENGTH;
            default -> 0;
        };
    }

    /** The L4 header's length; for VXLAN the outer UDP header only. */
    public int l4Length() {
        return switch (l4) {
            case L4_UDP, L4_VXLAN -> UdpHeader.LENGTH;
            case L4_TCP -> TcpHeader.MIN_LENGTH + (tcpOptions == null ? 0 : tcpOptions.length);
            case L4_ICMP, L4_ICMPV6 -> IcmpHeader.LENGTH;
            default -> 0;
        };
    }

    private int extensionsLength() {
        int length = 0;
        for (int i = 0; i < extensionCount; i++) {
            byte[] body = extensionBodies[i];
            length += body == null ? Ipv6ExtensionWalker.FRAGMENT_HEADER_LENGTH : body.length + 2;
        }
        return length;
    }

    /** Bytes after the L3 header(s), as the IP length fields count them. */
    private int l3PayloadLength() {
        if (l3 == L3_ARP) {
            return 0;
        }
        int tunnel = l4 == L4_VXLAN ? VxlanHeader.LENGTH + inner.frameLength() : 0;
        return l4Length() + tunnel + payloadLength;
    }

    /** The length of the frame {@link #writeTo} writes, padding included. */
    public int frameLength() {
        return Math.max(l2Length() + l3Length() + l3PayloadLength(), padTo);
    }

    // ---- writing ------------------------------------------------------------------------------------

    /** Writes the frame into {@code m} as its whole packet; false, writing nothing, when the segment has no room. */
    public boolean writeTo(Mbuf m) {
        if (m.next() != null) {
            return false;
        }
        int length = writeTo(m.buffer(), m.dataOffset());
        if (length < 0) {
            return false;
        }
        m.length(length);
        return true;
    }

    /** Writes the frame at {@code offset}; returns its length, or -1, writing nothing, when it does not fit. */
    public int writeTo(MemorySegment s, long offset) {
        int frameLength = frameLength();
        if (offset < 0 || offset > s.byteSize() - frameLength) {
            return -1;
        }
        int packetLength = l2Length() + l3Length() + l3PayloadLength();
        long l3Offset = writeL2(s, offset);
        long l4Offset = switch (l3) {
            case L3_IPV4 -> writeIpv4(s, l3Offset);
            case L3_IPV6 -> writeIpv6(s, l3Offset);
            case L3_ARP -> writeArp(s, l3Offset);
            default -> l3Offset;
        };
        long payloadOffset = writeL4(s, l4Offset);
        writePayload(s, payloadOffset);
        for (long at = offset + packetLength; at < offset + frameLength; at++) {
            s.set(ValueLayout.JAVA_BYTE, at, (byte) 0);
        }
        writeChecksums(s, l3Offset, l4Offset);
        return frameLength;
    }

    private long writeL2(MemorySegment s, long at) {
        NetworkOrder.setU48(s, at, destinationMac);
        NetworkOrder.setU48(s, at + 6, sourceMac);
        int type = switch (l3) {
            case L3_IPV4 -> EthernetHeader.TYPE_IPV4;
            case L3_IPV6 -> EthernetHeader.TYPE_IPV6;
            case L3_ARP -> EthernetHeader.TYPE_ARP;
            default -> etherType;
        };
        at += 12;
        if (tags == 2) {
            setU16(s, at, EthernetHeader.TYPE_QINQ);
            setU16(s, at + 2, outerTci);
            at += 4;
        }
        if (tags >= 1) {
            setU16(s, at, EthernetHeader.TYPE_VLAN);
            setU16(s, at + 2, innerTci);
            at += 4;
        }
        setU16(s, at, type);
        return at + 2;
    }

    private long writeIpv4(MemorySegment s, long ip) {
        int headerLength = l3Length();
        setU8(s, ip, 0x40 | (headerLength >>> 2));
        setU8(s, ip + 1, tos);
        setU16(s, ip + 2, headerLength + l3PayloadLength());
        setU16(s, ip + 4, identification);
        setU16(s, ip + 6, flagsAndFragment);
        setU8(s, ip + 8, ttl);
        setU8(s, ip + 9, protocol);
        setU16(s, ip + 10, 0);
        setI32(s, ip + 12, ipv4Source);
        setI32(s, ip + 16, ipv4Destination);
        if (ipv4Options != null) {
            MemorySegment.copy(ipv4Options, 0, s, ValueLayout.JAVA_BYTE, ip + Ipv4Header.MIN_LENGTH, ipv4Options.length);
        }
        return ip + headerLength;
    }

    private long writeIpv6(MemorySegment s, long ip) {
        setI32(s, ip, (6 << 28) | ((tos & 0xff) << 20) | (flowLabel & 0xfffff));
        setU16(s, ip + 4, extensionsLength() + l3PayloadLength());
        setU8(s, ip + 6, extensionCount > 0 ? extensionTypes[0] : protocol);
        setU8(s, ip + 7, ttl);
        NetworkOrder.setI64(s, ip + 8, ipv6SourceHigh);
        NetworkOrder.setI64(s, ip + 16, ipv6SourceLow);
        NetworkOrder.setI64(s, ip + 24, ipv6DestinationHigh);
        NetworkOrder.setI64(s, ip + 32, ipv6DestinationLow);
        long at = ip + Ipv6Header.LENGTH;
        for (int i = 0; i < extensionCount; i++) {
            int next = i + 1 < extensionCount ? extensionTypes[i + 1] : protocol;
            byte[] body = extensionBodies[i];
            setU8(s, at, next);
            if (body == null) {
                setU8(s, at + 1, 0);
                setU16(s, at + 2, fragmentFields[i]);
                setI32(s, at + 4, fragmentIds[i]);
                at += Ipv6ExtensionWalker.FRAGMENT_HEADER_LENGTH;
                continue;
            }
            int length = body.length + 2;
            setU8(s, at + 1, extensionTypes[i] == IpProtocols.AH ? (length >>> 2) - 2 : (length >>> 3) - 1);
            MemorySegment.copy(body, 0, s, ValueLayout.JAVA_BYTE, at + 2, body.length);
            at += length;
        }
        return at;
    }

    private long writeArp(MemorySegment s, long at) {
        setU16(s, at, ArpHeader.HARDWARE_ETHERNET);
        setU16(s, at + 2, EthernetHeader.TYPE_IPV4);
        setU8(s, at + 4, 6);
        setU8(s, at + 5, 4);
        setU16(s, at + 6, arpOperation);
        NetworkOrder.setU48(s, at + 8, arpSha);
        setI32(s, at + 14, arpSpa);
        NetworkOrder.setU48(s, at + 18, arpTha);
        setI32(s, at + 24, arpTpa);
        return at + ArpHeader.LENGTH;
    }

    private long writeL4(MemorySegment s, long at) {
        switch (l4) {
            case L4_UDP, L4_VXLAN -> {
                setU16(s, at, sourcePort);
                setU16(s, at + 2, destinationPort);
                setU16(s, at + 4, l3PayloadLength());
                setU16(s, at + 6, 0);
                if (l4 == L4_VXLAN) {
                    long vx = at + UdpHeader.LENGTH;
                    setI32(s, vx, VxlanHeader.FLAG_VNI_VALID << 24);
                    setI32(s, vx + 4, vni << 8);
                    return vx + VxlanHeader.LENGTH + inner.writeTo(s, vx + VxlanHeader.LENGTH);
                }
                return at + UdpHeader.LENGTH;
            }
            case L4_TCP -> {
                int headerLength = l4Length();
                setU16(s, at, sourcePort);
                setU16(s, at + 2, destinationPort);
                setI32(s, at + 4, tcpSequence);
                setI32(s, at + 8, tcpAcknowledgment);
                setU8(s, at + 12, (headerLength >>> 2) << 4);
                setU8(s, at + 13, tcpFlags);
                setU16(s, at + 14, tcpWindow);
                setI32(s, at + 16, 0); // checksum and urgent pointer
                if (tcpOptions != null) {
                    MemorySegment.copy(tcpOptions, 0, s, ValueLayout.JAVA_BYTE, at + TcpHeader.MIN_LENGTH, tcpOptions.length);
                }
                return at + headerLength;
            }
            case L4_ICMP, L4_ICMPV6 -> {
                setU8(s, at, icmpType);
                setU8(s, at + 1, icmpCode);
                setU16(s, at + 2, 0);
                setU16(s, at + 4, icmpIdentifier);
                setU16(s, at + 6, icmpSequence);
                return at + IcmpHeader.LENGTH;
            }
            default -> {
                return at;
            }
        }
    }

    private void writePayload(MemorySegment s, long at) {
        if (payload != null) {
            MemorySegment.copy(payload, 0, s, ValueLayout.JAVA_BYTE, at, payloadLength);
            return;
        }
        for (int i = 0; i < payloadLength; i++) {
            s.set(ValueLayout.JAVA_BYTE, at + i, (byte) i);
        }
    }

    private void writeChecksums(MemorySegment s, long ip, long l4Offset) {
        if (l3 == L3_IPV4) {
            switch (l4) {
                case L4_UDP, L4_VXLAN -> setU16(s, l4Offset + 6, Checksums.udpIpv4Checksum(s, ip, l4Offset));
                case L4_TCP -> setU16(s, l4Offset + 16, Checksums.tcpIpv4Checksum(s, ip, l4Offset));
                case L4_ICMP -> setU16(s, l4Offset + 2, Checksums.icmpChecksum(s, l4Offset, l3PayloadLength()));
                default -> { }
            }
            Checksums.setIpv4HeaderChecksum(s, ip);
        } else if (l3 == L3_IPV6) {
            switch (l4) {
                case L4_UDP, L4_VXLAN -> setU16(s, l4Offset + 6, Checksums.udpIpv6Checksum(s, ip, l4Offset));
                case L4_TCP -> setU16(s, l4Offset + 16, Checksums.tcpIpv6Checksum(s, ip, l4Offset));
                case L4_ICMPV6 -> setU16(s, l4Offset + 2, Checksums.icmpv6Checksum(s, ip, l4Offset));
                default -> { }
            }
        }
    }
}
