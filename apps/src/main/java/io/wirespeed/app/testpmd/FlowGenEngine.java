package io.wirespeed.app.testpmd;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;

/**
 * flowgen: like txonly, but each packet's IPv4 source address walks through {@code flows}
 * addresses (198.18.x.y), so that receivers see many flows; the header checksum is updated
 * incrementally.
 */
final class FlowGenEngine implements ForwardEngine {
    private static final int SOURCE_LOW = UdpTemplate.IP_OFFSET + 14;
    private static final int CHECKSUM = UdpTemplate.IP_OFFSET + 10;

    private final int flows;

    FlowGenEngine(int flows) {
        this.flows = flows;
    }

    @Override
    public int forward(ForwardStream s) {
        Mbuf[] burst = s.burst;
        int n = s.burstSize;
        if (s.pool.allocBulk(burst, 0, n) == 0) {
            return 0;
        }
        UdpTemplate t = s.template;
        int baseLow = UdpTemplate.SOURCE_IP & 0xffff;
        int baseChecksum = t.ipChecksum();
        int flow = s.nextFlow;
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            MemorySegment buf = m.buffer();
            long at = m.dataOffset();
            MemorySegment.copy(t.headers, 0, buf, at, UdpTemplate.HEADERS);
            int low = (baseLow + flow) & 0xffff;
            buf.set(Frames.U16, at + SOURCE_LOW, (short) low);
            buf.set(Frames.U16, at + CHECKSUM, (short) Frames.updateChecksum(baseChecksum, baseLow, low));
            m.length(t.frameLength);
            if (++flow == flows) {
                flow = 0;
            }
        }
        s.nextFlow = flow;
        s.countGenerated(n);
        s.transmit(n);
        return n;
    }
}
