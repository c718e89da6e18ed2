package io.wirespeed.driver.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcpdump and tshark read what net_pcap writes, and net_pcap reads what they (and editcap,
 * mergecap) write, with the same packet count, lengths and time stamps. Root only for the live
 * captures on loopback.
 */
class InteropTest {
    /** Frame lengths that cover small, odd (pcapng padding), full-size and chained (over 2048) frames. */
    private static final int[] LENGTHS = {60, 61, 62, 63, 64, 128, 1514, 3000, 9000, 42, 577};

    @TempDir
    Path dir;
    private PortFixture fx;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        fx = new PortFixture(dir, 1024, 2048);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** Sends every length of {@link #LENGTHS} (chained when longer than a data room) through a tx port; returns obytes. */
    private long writeWithWirespeed(String devargs) {
        Port port = fx.open(devargs);
        long stamp = 1_700_000_000_000_000_000L;
        for (int i = 0; i < LENGTHS.length; i++) {
            byte[] f = UdpFrames.frame(LENGTHS[i], 1000 + i);
            Mbuf head = null;
            for (int at = 0; at < f.length; at += 2048) {
                Mbuf seg = fx.pool.alloc();
                seg.write(java.util.Arrays.copyOfRange(f, at, Math.min(f.length, at + 2048)));
                if (head == null) {
                    head = seg;
                } else {
                    head.chain(seg);
                }
            }
            head.timestamp(stamp + i * 1_000_001L);
            assertThat(port.txBurst(0, new Mbuf[] {head}, 0, 1)).isEqualTo(1);
        }
        port.close();
        return port.stats().obytes();
    }

    /** What tshark reads from {@code file}, one tshark run: captured and original lengths, times in nanoseconds. */
    private record Tshark(List<Long> capLengths, List<Long> lengths, List<Long> nanos) {
        static Tshark read(Path file) {
            Tshark t = new Tshark(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            String out = Host.run("tshark", "-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                    "-e", "frame.cap_len", "-e", "frame.len", "-e", "frame.time_epoch");
            for (String line : out.strip().split("\n")) {
                String[] f = line.strip().split("\t");
                t.capLengths.add(Long.parseLong(f[0]));
                t.lengths.add(Long.parseLong(f[1]));
                t.nanos.add(new BigDecimal(f[2]).movePointRight(9).longValueExact());
            }
            return t;
        }
    }

    private static int tcpdumpLines(Path file) {
        return Host.run("tcpdump", "-r", file.toString(), "-nn", "-q").strip().split("\n").length;
    }

    private static List<Integer> expectedLengths() {
        List<Integer> l = new ArrayList<>();
        for (int n : LENGTHS) {
            l.add(n);
        }
        return l;
    }

    /** What net_pcap reads from {@code file}: lengths and time stamps, in order. */
    private record Read(List<Long> lengths, List<Long> stamps, long bytes) {
    }

    private Read readWithWirespeed(Path file) {
        Port port = fx.open("net_pcap" + System.nanoTime() % 1000 + ",rx_pcap=" + file);
        List<Long> lengths = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        Mbuf[] burst = new Mbuf[32];
        while (!port.rxQueue(0).isExhausted()) {
            int n = port.rxBurst(0, burst, 0, 32);
            for (int i = 0; i < n; i++) {
                lengths.add((long) burst[i].packetLength());
                stamps.add(burst[i].timestamp());
            }
            Mbuf.freeBulk(burst, 0, n);
        }
        return new Read(lengths, stamps, port.stats().ibytes());
    }

    @Test
    void tcpdumpAndTsharkReadTheClassicPcapWirespeedWrites() {
        Host.requireTools("tcpdump", "tshark");
        Path out = dir.resolve("ws.pcap");
        long obytes = writeWithWirespeed("net_pcap0,tx_pcap=" + out);
        assertThat(tcpdumpLines(out)).isEqualTo(LENGTHS.length);
        Tshark t = Tshark.read(out);
        assertThat(t.lengths()).map(Long::intValue).containsExactlyElementsOf(expectedLengths());
        assertThat(t.capLengths()).isEqualTo(t.lengths());
        assertThat(t.lengths().stream().mapToLong(Long::longValue).sum()).isEqualTo(obytes);
        assertThat(t.nanos().get(3)).isEqualTo(1_700_000_000_000_000_000L + 3 * 1_000_001L);
    }

    @Test
    void tcpdumpAndTsharkReadThePcapngWirespeedWrites() {
        Host.requireTools("tcpdump", "tshark");
        Path out = dir.resolve("ws.pcapng");
        long obytes = writeWithWirespeed("net_pcap0,tx_pcapng=" + out);
        assertThat(tcpdumpLines(out)).isEqualTo(LENGTHS.length);
        Tshark t = Tshark.read(out);
        assertThat(t.lengths().stream().mapToLong(Long::longValue).sum()).isEqualTo(obytes);
        assertThat(t.lengths()).map(Long::intValue).containsExactlyElementsOf(expectedLengths());
        assertThat(t.nanos().get(7)).isEqualTo(1_700_000_000_000_000_000L + 7 * 1_000_001L);
        assertThat(Host.run("tshark", "-r", out.toString(), "-T", "fields", "-e", "frame.interface_name").strip().split("\n")[0])
                .isEqualTo("net_pcap0");
    }

    @Test
    void tsharkSeesTheSnaplenCutAndTheOriginalLength() {
        Host.requireTools("tshark");
        Path out = dir.resolve("cut.pcapng");
        writeWithWirespeed("net_pcap0,tx_pcapng=" + out + ",snaplen=100");
        Tshark t = Tshark.read(out);
        assertThat(t.capLengths()).allMatch(n -> n <= 100).contains(100L);
        assertThat(t.lengths()).map(Long::intValue).containsExactlyElementsOf(expectedLengths());
    }

    /** Same packets, lengths and times from net_pcap as from tshark. */
    private void assertReadsLikeTshark(Path file) {
        Read read = readWithWirespeed(file);
        Tshark t = Tshark.read(file);
        assertThat(read.lengths()).containsExactlyElementsOf(t.capLengths());
        assertThat(read.bytes()).isEqualTo(t.capLengths().stream().mapToLong(Long::longValue).sum());
        assertThat(read.stamps()).containsExactlyElementsOf(t.nanos());
    }

    private Path microsecondSource() {
        ClassicBytes b = ClassicBytes.micros(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < LENGTHS.length; i++) {
            b.record(1_700_000_000L + i, 1000 * i + 7, UdpFrames.frame(LENGTHS[i], i));
        }
        return fx.file("src.pcap", b.bytes());
    }

    @Test
    void wirespeedReadsWhatEditcapAndTcpdumpWrite() {
        Host.requireTools("tcpdump", "tshark", "editcap");
        Path src = microsecondSource();
        Path ng = dir.resolve("editcap.pcapng");
        Host.run("editcap", "-F", "pcapng", src.toString(), ng.toString());
        assertReadsLikeTshark(ng);
        Path nsec = dir.resolve("editcap-ns.pcap");
        Host.run("editcap", "-F", "nsecpcap", src.toString(), nsec.toString());
        assertReadsLikeTshark(nsec);
        Path copy = dir.resolve("tcpdump.pcap");
        Host.run("tcpdump", "-r", src.toString(), "-w", copy.toString());
        assertReadsLikeTshark(copy);
        assertReadsLikeTshark(src);
    }

    @Test
    void wirespeedReadsAMergecapFileWithTwoInterfacesOfDifferentResolutions() {
        Host.requireTools("tshark", "mergecap", "editcap", "capinfos");
        Path micro = microsecondSource();
        ClassicBytes nano = ClassicBytes.nanos(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 5; i++) {
            nano.record(1_700_000_000L + i, 123_456_789 + i, UdpFrames.frame(100 + i, 50 + i));
        }
        Path nanoFile = fx.file("nano.pcap", nano.bytes());
        Path merged = dir.resolve("merged.pcapng");
        Host.run("mergecap", "-F", "pcapng", "-w", merged.toString(), micro.toString(), nanoFile.toString());
        assertThat(Host.run("capinfos", "-I", merged.toString())).contains("Number of interfaces in file: 2");
        assertReadsLikeTshark(merged);
    }

    /** Starts a capture command, waits until it says it listens, makes ICMP traffic on loopback, waits for it to end. */
    private static void captureLoopback(List<String> command, String ready) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ws-capture", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(err).contains(ready) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            Host.runAllowingFailure(List.of("ping", "-c", "30", "-i", "0.02", "-s", "1200", "127.0.0.1"), 30);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("capture ended: " + Files.readString(err)).isTrue();
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    @Test
    void wirespeedReadsALiveTcpdumpCaptureWithNanosecondStamps() throws Exception {
        Host.requireRoot();
        Host.requireTools("tcpdump", "tshark", "ping");
        Path f = dir.resolve("lo.pcap");
        captureLoopback(List.of("tcpdump", "-i", "lo", "-nn", "-c", "40", "--time-stamp-precision", "nano", "-w", f.toString(),
                "icmp"), "listening on");
        assertThat(Files.readAllBytes(f)).startsWith(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1});
        assertReadsLikeTshark(f);
        assertThat(readWithWirespeed(f).lengths()).hasSize(40);
    }

    @Test
    void wirespeedReadsALiveTsharkPcapngCapture() throws Exception {
        Host.requireRoot();
        Host.requireTools("tshark", "ping");
        Path f = dir.resolve("lo.pcapng");
        captureLoopback(List.of("tshark", "-i", "lo", "-f", "icmp", "-c", "40", "-F", "pcapng", "-w", f.toString()),
                "Capturing on");
        assertReadsLikeTshark(f);
        assertThat(readWithWirespeed(f).lengths()).hasSize(40);
    }
}
