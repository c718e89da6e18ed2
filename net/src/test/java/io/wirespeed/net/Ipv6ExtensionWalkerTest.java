package io.wirespeed.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The walk to the upper-layer header and where it stops. */
class Ipv6ExtensionWalkerTest {
    private final Ipv6ExtensionWalker walker = new Ipv6ExtensionWalker();

    private static MemorySegment frame(FrameBuilder b) {
        return TestFrames.written(b.ethernet(1, 2).ipv6(1, 2, 3, 4));
    }

    @Test
    void noExtensionIsAnEmptyWalk() {
        MemorySegment s = frame(new FrameBuilder().udp(1, 2));
        assertThat(walker.walk(s, 54, IpProtocols.UDP, s.byteSize())).isEqualTo(Ipv6ExtensionWalker.OK);
        assertThat(walker.headerCount()).isZero();
        assertThat(walker.upperOffset()).isEqualTo(54);
        assertThat(walker.fragmented()).isFalse();
    }

    @Test
    void ahLengthCountsInFourByteUnits() {
        MemorySegment s = frame(new FrameBuilder().ipv6Extension(IpProtocols.AH, new byte[18]).tcp(1, 2));
        walker.walk(s, 54, IpProtocols.AH, s.byteSize());
        assertThat(walker.upperOffset()).isEqualTo(54 + 20);
        assertThat(walker.upperProtocol()).isEqualTo(IpProtocols.TCP);
    }

    @Test
    void firstFragmentWalksOnToTheUpperLayer() {
        MemorySegment s = frame(new FrameBuilder().ipv6Fragment(0, true, 0x1234_5678)
                .ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[6]).udp(1, 2));
        assertThat(walker.walk(s, 54, IpProtocols.FRAGMENT, s.byteSize())).isEqualTo(Ipv6ExtensionWalker.OK);
        assertThat(walker.fragmented()).isTrue();
        assertThat(walker.moreFragments()).isTrue();
        assertThat(walker.fragmentOffset()).isZero();
        assertThat(walker.fragmentId()).isEqualTo(0x1234_5678);
        assertThat(walker.upperProtocol()).isEqualTo(IpProtocols.UDP);
        assertThat(walker.upperOffset()).isEqualTo(54 + 16);
    }

    @Test
    void laterFragmentStopsAfterTheFragmentHeader() {
        // What follows a non-first fragment header is data, even if it looks like a header.
        MemorySegment s = frame(new FrameBuilder().ipv6Fragment(77, false, 1)
                .ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[6]).udp(1, 2));
        assertThat(walker.walk(s, 54, IpProtocols.FRAGMENT, s.byteSize())).isEqualTo(Ipv6ExtensionWalker.OK);
        assertThat(walker.fragmentOffset()).isEqualTo(77);
        assertThat(walker.upperProtocol()).isEqualTo(IpProtocols.DESTINATION_OPTIONS);
        assertThat(walker.upperOffset()).isEqualTo(62);
        assertThat(walker.headerCount()).isEqualTo(1);
    }

    @Test
    void aHeaderRunningPastTheLimitStopsTheWalk() {
        MemorySegment s = frame(new FrameBuilder().ipv6Extension(IpProtocols.ROUTING, new byte[22]).udp(1, 2));
        assertThat(walker.walk(s, 54, IpProtocols.ROUTING, 54 + 23)).isEqualTo(Ipv6ExtensionWalker.PAST_END);
        assertThat(walker.upperOffset()).isEqualTo(54);
        assertThat(walker.walk(s, 54, IpProtocols.ROUTING, 54 + 7)).isEqualTo(Ipv6ExtensionWalker.PAST_END);
        assertThat(walker.walk(s, 54, IpProtocols.ROUTING, 10_000)).as("limit beyond the segment")
                .isEqualTo(Ipv6ExtensionWalker.OK);
    }

    @Test
    void aChainLongerThanTheBoundIsTooMany() {
        // Every header names another hop-by-hop: a chain that would run on to the end of any buffer.
        MemorySegment s = TestFrames.buffer(54 + 8 * 20);
        assertThat(walker.walk(s, 54, IpProtocols.HOP_BY_HOP, s.byteSize())).isEqualTo(Ipv6ExtensionWalker.TOO_MANY);
        assertThat(walker.headerCount()).isEqualTo(Ipv6ExtensionWalker.MAX_HEADERS);
    }
}
