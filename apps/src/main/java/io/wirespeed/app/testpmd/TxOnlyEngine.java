package io.wirespeed.app.testpmd;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;

/** txonly: allocate a burst, stamp the stream's UDP headers on it, send it. */
final class TxOnlyEngine implements ForwardEngine {
    @Override
    public int forward(ForwardStream s) {
        Mbuf[] burst = s.burst;
        int n = s.burstSize;
        if (s.pool.allocBulk(burst, 0, n) == 0) {
            return 0; // the pool counts the failure; in-flight packets will come back
        }
        UdpTemplate t = s.template;
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            MemorySegment.copy(t.headers, 0, m.buffer(), m.dataOffset(), UdpTemplate.HEADERS);
            m.length(t.frameLength);
        }
        s.countGenerated(n);
        s.transmit(n);
        return n;
    }
}
