package io.wirespeed.virt.traffic;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Makes the frames of one {@link FlowSpec} into mbufs: a template written once, copied per frame
 * with the UDP source port stepped (the UDP checksum is 0, "none", so the step keeps the frame
 * valid). Paces itself to the flow's rate from the first frame on. One thread.
 */
public final class FlowSource {
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int UDP_SOURCE_PORT = 1024;

    private final FlowSpec spec;
    private final MemorySegment template;
    /** Offset of the UDP source port in the template, or -1 when the frame is cut before it. */
    private final int portOffset;
    private long made;
    private long startNanos = -1;

    public FlowSource(FlowSpec spec) {
        this.spec = spec;
        int tags = (spec.vlan() != 0 ? 4 : 0) + (spec.innerVlan() != 0 ? 4 : 0);
        FrameBuilder b = new FrameBuilder().ethernet(spec.destination(), spec.source()).ipv4(0x0a00_0001, 0x0a00_0002)
                .udp(UDP_SOURCE_PORT, 4789);
        int untaggedLength = Math.max(60, spec.size() - tags);
        b.padTo(untaggedLength);
        MemorySegment untagged = MemorySegment.ofArray(new byte[Math.max(untaggedLength, 64)]);
        int written = b.writeTo(untagged, 0);
        MemorySegment full = MemorySegment.ofArray(new byte[written + tags]);
        MemorySegment.copy(untagged, 0, full, 0, 12);
        int at = 12;
        if (spec.vlan() != 0) {
            full.set(BE_SHORT, at, (short) spec.outerTpid());
            full.set(BE_SHORT, at + 2, (short) (spec.qos() << 13 | spec.vlan()));
            at += 4;
        }
        if (spec.innerVlan() != 0) {
            full.set(BE_SHORT, at, (short) 0x8100);
            full.set(BE_SHORT, at + 2, (short) spec.innerVlan());
            at += 4;
        }
        MemorySegment.copy(untagged, 12, full, at, written - 12);
        int udp = at + 2 + 20;
        full.set(BE_SHORT, udp + 6, (short) 0); // no UDP checksum
        this.template = full.asSlice(0, spec.size()).asReadOnly();
        this.portOffset = udp + 2 <= spec.size() ? udp : -1;
    }

    public FlowSpec spec() {
        return spec;
    }

    public long made() {
        return made;
    }

    public boolean done() {
        return made >= spec.count();
    }

    /** Frames the rate allows at {@code now} (at most {@code max}); starts the clock on the first call. */
    public int due(long now, int max) {
        long left = spec.count() - made;
        if (left <= 0) {
            return 0;
        }
        int n = (int) Math.min(left, max);
        if (spec.ratePps() == 0) {
            return n;
        }
        if (startNanos < 0) {
            startNanos = now;
        }
        long allowed = (long) ((double) (now - startNanos) * spec.ratePps() / 1e9) + 1;
        return (int) Math.max(0, Math.min(n, allowed - made));
    }

    /** Writes the next frame into {@code m} (the caller checked {@link #due}). */
    public void fill(Mbuf m) {
        int size = spec.size();
        MemorySegment.copy(template, 0, m.buffer(), m.dataOffset(), size);
        if (portOffset >= 0) {
            m.buffer().set(BE_SHORT, m.dataOffset() + portOffset, (short) (UDP_SOURCE_PORT + (made & 0xff)));
        }
        m.length(size);
        made++;
    }

    /** Takes back a frame that was made but not sent (its sender will retry it). */
    public void unmake(int n) {
        made -= n;
    }

    /** Allocates and fills up to {@code max} due frames into {@code out[offset..]}; returns how many. */
    public int make(Mempool pool, Mbuf[] out, int offset, int max, long now) {
        int n = due(now, max);
        if (n == 0) {
            return 0;
        }
        n = pool.allocBulk(out, offset, n) == 0 ? 0 : n;
        for (int i = 0; i < n; i++) {
            fill(out[offset + i]);
        }
        return n;
    }
}
