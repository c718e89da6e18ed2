package io.wirespeed.bench;

import io.wirespeed.net.Checksums;
import io.wirespeed.net.FrameBuilder;
import io.wirespeed.net.IpProtocols;
import io.wirespeed.net.PacketParser;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Packet-type parsing (DPDK's rte_net_get_ptype) and checksums over frames in native memory, as
 * they sit in mbufs. Scores are ns per frame.
 *
 * <ul>
 *   <li>{@code parseUdpIpv4}: Ethernet/IPv4/UDP, 64 bytes.
 *   <li>{@code parseTcpIpv6Ext}: Ethernet/IPv6 with hop-by-hop and destination options/TCP.
 *   <li>{@code parseVxlan}: Ethernet/IPv4/UDP/VXLAN around Ethernet/IPv4/TCP.
 *   <li>{@code ipv4HeaderChecksum}: compute over a 20-byte header.
 *   <li>{@code udpChecksum64} / {@code udpChecksum1500}: UDP over IPv4 with pseudo-header, 64- and 1500-byte frames.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class PacketParseBenchmark {
    private static final long DST = 0x0200_0000_0002L;
    private static final long SRC = 0x0200_0000_0001L;

    Arena arena;
    PacketParser parser;
    MemorySegment udp4;
    MemorySegment tcp6Ext;
    MemorySegment vxlan;
    MemorySegment udp1500;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        parser = new PacketParser();
        udp4 = write(new FrameBuilder().ethernet(DST, SRC).ipv4(0x0a000001, 0x0a000002).udp(1024, 5000).payload(22));
        tcp6Ext = write(new FrameBuilder().ethernet(DST, SRC).ipv6(0x20010db8L << 32, 1, 0x20010db8L << 32, 2)
                .ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6])
                .ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[6])
                .tcp(40000, 80).tcpOptions(new byte[12]).payload(64));
        FrameBuilder inner = new FrameBuilder().ethernet(SRC, DST).ipv4(0xc0a80001, 0xc0a80002).tcp(1234, 443).payload(32);
        vxlan = write(new FrameBuilder().ethernet(DST, SRC).ipv4(0x0a000001, 0x0a000002).vxlan(49152, 42, inner));
        udp1500 = write(new FrameBuilder().ethernet(DST, SRC).ipv4(0x0a000001, 0x0a000002).udp(1024, 5000).payload(1458));
    }

    private MemorySegment write(FrameBuilder b) {
        MemorySegment s = arena.allocate(b.frameLength(), 64);
        b.writeTo(s, 0);
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int parseUdpIpv4() {
        return parser.parse(udp4, 0, (int) udp4.byteSize());
    }

    @Benchmark
    public int parseTcpIpv6Ext() {
        return parser.parse(tcp6Ext, 0, (int) tcp6Ext.byteSize());
    }

    @Benchmark
    public int parseVxlan() {
        return parser.parse(vxlan, 0, (int) vxlan.byteSize());
    }

    @Benchmark
    public int ipv4HeaderChecksum() {
        return Checksums.ipv4HeaderChecksum(udp4, 14);
    }

    @Benchmark
    public int udpChecksum64() {
        return Checksums.udpIpv4Checksum(udp4, 14, 34);
    }

    @Benchmark
    public int udpChecksum1500() {
        return Checksums.udpIpv4Checksum(udp1500, 14, 34);
    }
}
