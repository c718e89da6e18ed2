package io.wirespeed.app.testpmd;

import io.wirespeed.mbuf.Mbuf;

/** macswap: source and destination MAC trade places, as a reflector does. */
final class MacSwapEngine implements ForwardEngine {
    @Override
    public int forward(ForwardStream s) {
        int n = s.receive();
        if (n == 0) {
            return 0;
        }
        Mbuf[] burst = s.burst;
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            if (m.dataLength() >= Frames.ETHER_HEADER) {
                Frames.swapMacs(m.buffer(), m.dataOffset());
            }
        }
        s.transmit(n);
        return n;
    }
}
