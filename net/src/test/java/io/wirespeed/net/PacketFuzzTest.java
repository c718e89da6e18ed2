package io.wirespeed.net;

import static io.wirespeed.net.PacketType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random frames and mutated valid frames through the parser: nothing throws, lengths stay inside
 * the frame, the counters add up, and every unmutated frame gets the type its shape predicts.
 *
 * <p>{@code -Dwirespeed.fuzz.frames=N} sets the count (200,000 by default) and
 * {@code -Dwirespeed.fuzz.seed=S} the seed.
 */
class PacketFuzzTest {
    private static final int[] ETHER_TYPES = {EthernetHeader.TYPE_IPV4, EthernetHeader.TYPE_IPV6, EthernetHeader.TYPE_VLAN,
        EthernetHeader.TYPE_QINQ, EthernetHeader.TYPE_ARP, 0x88cc};
    private static final int[] EXTENSIONS = {IpProtocols.HOP_BY_HOP, IpProtocols.ROUTING, IpProtocols.DESTINATION_OPTIONS,
        IpProtocols.AH, IpProtocols.FRAGMENT};
    private static final int[] PROTOCOLS = {IpProtocols.TCP, IpProtocols.UDP, IpProtocols.ICMP, IpProtocols.ICMPV6,
        IpProtocols.SCTP, IpProtocols.HOP_BY_HOP, IpProtocols.ROUTING, IpProtocols.FRAGMENT, IpProtocols.AH,
        IpProtocols.DESTINATION_OPTIONS, IpProtocols.ESP, IpProtocols.NO_NEXT_HEADER, 4, 47};

    private final PacketParser parser = new PacketParser();
    private final FrameBuilder outer = new FrameBuilder();
    private final FrameBuilder inner = new FrameBuilder();
    private final byte[][] bodies = {new byte[6], new byte[14], new byte[22], new byte[10], new byte[30]};

    @Test
    void randomAndMutatedFramesNeverThrow() {
        long frames = Long.getLong("wirespeed.fuzz.frames", 200_000);
        long seed = Long.getLong("wirespeed.fuzz.seed", 0x5eed_f00dL);
        System.out.printf("PacketFuzzTest: %d frames, seed %d%n", frames, seed);
        Random random = new Random(seed);
        long malformed = 0;
        long checkedShapes = 0;
        long started = System.nanoTime();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(2048);
            for (long i = 0; i < frames; i++) {
                int length;
                int expected = -1;
                switch (random.nextInt(4)) {
                    case 0 -> length = randomBytes(random, s);
                    case 1 -> {
                        expected = buildShape(random, outer, true);
                        length = outer.writeTo(s, 0);
                    }
                    default -> {
                        buildShape(random, outer, true);
                        length = mutate(random, s, outer.writeTo(s, 0));
                    }
                }
                int type;
                try {
                    type = parser.parse(s, 0, length);
                } catch (RuntimeException e) {
                    throw new AssertionError("frame " + i + " (seed " + seed + ") threw: "
                            + HexFormat.of().formatHex(s.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE)), e);
                }
                if (isMalformed(type)) {
                    malformed++;
                }
                if (parser.l2Length() + parser.l3Length() + parser.l4Length() > length) {
                    fail("frame %d (seed %d): lengths %d+%d+%d beyond %d", i, seed, parser.l2Length(), parser.l3Length(),
                            parser.l4Length(), length);
                }
                if (expected >= 0) {
                    checkedShapes++;
                    if (type != expected) {
                        fail("frame %d (seed %d): %s, expected %s", i, seed, PacketType.toString(type), PacketType.toString(expected));
                    }
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("PacketFuzzTest: %d frames in %d ms, %d malformed, %d shapes checked%n", frames, millis, malformed,
                checkedShapes);
        assertThat(parser.packets()).isEqualTo(frames);
        assertThat(parser.malformed()).isEqualTo(malformed);
        if (frames >= 10_000) {
            for (int r = 0; r < MalformedReason.COUNT; r++) {
                assertThat(parser.malformed(r)).as("reason %s seen", MalformedReason.name(r)).isPositive();
            }
        }
    }

    /** Random bytes behind a plausible ether type (most frames would otherwise stop at L2). */
    private static int randomBytes(Random random, MemorySegment s) {
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
        }
        if (length >= 14 && random.nextInt(4) != 0) {
            NetworkOrder.setU16(s, 12, ETHER_TYPES[random.nextInt(ETHER_TYPES.length)]);
            if (length >= 15) {
                NetworkOrder.setU8(s, 14, random.nextBoolean() ? 0x45 : 0x60 | random.nextInt(16));
            }
        }
        return length;
    }

    /** Configures a random well-formed shape and returns the type the parser must give it (plainly derived). */
    private int buildShape(Random random, FrameBuilder b, boolean mayTunnel) {
        b.reset().ethernet(random.nextLong() & 0xffff_ffff_ffffL, random.nextLong() & 0xffff_ffff_ffffL);
        boolean isInner = !mayTunnel;
        int type;
        switch (random.nextInt(3)) {
            case 0 -> type = isInner ? INNER_L2_ETHER : L2_ETHER;
            case 1 -> {
                b.vlan(random.nextInt(65536));
                type = isInner ? INNER_L2_ETHER_VLAN : L2_ETHER_VLAN;
            }
            default -> {
                b.qinq(random.nextInt(65536), random.nextInt(65536));
                type = isInner ? INNER_L2_ETHER_QINQ : L2_ETHER_QINQ;
            }
        }
        int l3 = random.nextInt(10);
        if (l3 == 0) {
            b.etherType(0x88b5);
            return type;
        }
        if (l3 == 1) {
            b.arp(1, 2, 3, 4, 5);
            return type == L2_ETHER ? L2_ETHER_ARP : type;
        }
        boolean v6 = l3 >= 6;
        boolean fragment = false;
        if (v6) {
            b.ipv6(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            int extensions = random.nextInt(4);
            for (int e = 0; e < extensions; e++) {
                int ext = EXTENSIONS[random.nextInt(EXTENSIONS.length)];
                if (ext == IpProtocols.FRAGMENT) {
                    b.ipv6Fragment(random.nextInt(3), random.nextBoolean(), random.nextInt());
                    fragment = true;
                } else {
                    b.ipv6Extension(ext, bodies[ext == IpProtocols.AH ? 3 + random.nextInt(2) : random.nextInt(3)]);
                }
            }
            type |= extensions > 0 ? (isInner ? INNER_L3_IPV6_EXT : L3_IPV6_EXT) : (isInner ? INNER_L3_IPV6 : L3_IPV6);
        } else {
            b.ipv4(random.nextInt(), random.nextInt());
            boolean options = random.nextBoolean();
            if (options) {
                b.ipv4Options(new byte[4 * (1 + random.nextInt(10))]);
            }
            if (random.nextInt(8) == 0) {
                int offset = random.nextInt(3);
                boolean more = random.nextBoolean();
                b.ipv4Fragment(offset, more, false);
                fragment = offset != 0 || more;
            }
            type |= options ? (isInner ? INNER_L3_IPV4_EXT : L3_IPV4_EXT) : (isInner ? INNER_L3_IPV4 : L3_IPV4);
        }
        int l4;
        switch (random.nextInt(mayTunnel ? 6 : 5)) {
            case 0 -> {
                b.udp(random.nextInt(4789), random.nextInt(4789));
                l4 = L4_UDP;
            }
            case 1 -> {
                b.tcp(random.nextInt(65536), random.nextInt(65536)).tcpOptions(random.nextBoolean() ? null : new byte[4 * random.nextInt(11)]);
                l4 = L4_TCP;
            }
            case 2 -> {
                if (v6) {
                    b.icmpv6(128, 0, 1, 2);
                } else {
                    b.icmp(8, 0, 1, 2);
                }
                l4 = L4_ICMP;
            }
            case 3 -> {
                b.ipProtocol(IpProtocols.SCTP).payload(12);
                l4 = L4_SCTP;
            }
            case 4 -> {
                b.ipProtocol(random.nextBoolean() ? 47 : IpProtocols.NO_NEXT_HEADER);
                l4 = L4_NONFRAG;
            }
            default -> {
                int innerType = buildShape(random, inner, false);
                b.vxlan(random.nextInt(65536), random.nextInt(1 << 24), inner);
                l4 = L4_UDP;
                if (!fragment) {
                    type |= TUNNEL_VXLAN | innerType;
                }
            }
        }
        if (l4 != L4_SCTP) {
            b.payload(random.nextInt(64));
        }
        if (random.nextInt(4) == 0) {
            b.padTo(60);
        }
        int l4Type = fragment ? L4_FRAG : l4;
        return type | (isInner ? l4Type << 16 : l4Type);
    }

    /** Bit flips, truncation, a corrupted length field or a random extension chain. Returns the new length. */
    private static int mutate(Random random, MemorySegment s, int length) {
        switch (random.nextInt(5)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(length);
                    s.set(ValueLayout.JAVA_BYTE, at, (byte) (s.get(ValueLayout.JAVA_BYTE, at) ^ (1 << random.nextInt(8))));
                }
                return length;
            }
            case 1 -> {
                return random.nextInt(length + 1);
            }
            case 2 -> {
                // A length field: the byte at a header offset where a length or IHL/data offset sits.
                int[] candidates = {14, 16, 17, 18, 19, 22, 38, 39, 40, 41, 46, 54, 55, 58, 59, 62, 63, 66, 67, 74, 75};
                int at = candidates[random.nextInt(candidates.length)];
                if (at < length) {
                    s.set(ValueLayout.JAVA_BYTE, at, (byte) random.nextInt());
                }
                return length;
            }
            case 3 -> {
                // A random extension chain after a fixed IPv6 header at 14.
                if (length < 54 + 8) {
                    return length;
                }
                NetworkOrder.setU16(s, 12, EthernetHeader.TYPE_IPV6);
                NetworkOrder.setU8(s, 14, 0x60);
                NetworkOrder.setU16(s, 18, random.nextInt(length - 54 + 16));
                NetworkOrder.setU8(s, 20, PROTOCOLS[random.nextInt(PROTOCOLS.length)]);
                for (int at = 54; at + 2 <= length; at += 8) {
                    NetworkOrder.setU8(s, at, PROTOCOLS[random.nextInt(PROTOCOLS.length)]);
                    NetworkOrder.setU8(s, at + 1, random.nextInt(4) == 0 ? random.nextInt(256) : 0);
                }
                return length;
            }
            default -> {
                int at = random.nextInt(length);
                int n = Math.min(length - at, 1 + random.nextInt(16));
                for (int i = 0; i < n; i++) {
                    s.set(ValueLayout.JAVA_BYTE, at + i, (byte) random.nextInt());
                }
                return length;
            }
        }
    }
}
