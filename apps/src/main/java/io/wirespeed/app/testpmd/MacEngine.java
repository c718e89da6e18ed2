package io.wirespeed.app.testpmd;

import io.wirespeed.mbuf.Mbuf;

/** mac: destination MAC becomes the peer's, source MAC the transmitting port's. */
final class MacEngine implements ForwardEngine {
    @Override
    public int forward(ForwardStream s) {
        int n = s.receive();
        if (n == 0) {
            return 0;
        }
        long dst = s.peerMac.bits();
        long src = s.txPortMac.bits();
        Mbuf[] burst = s.burst;
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            if (m.dataLength() >= Frames.ETHER_HEADER) {
                Frames.writeMacs(m.buffer(), m.dataOffset(), dst, src);
            }
        }
        s.transmit(n);
        return n;
    }
}
