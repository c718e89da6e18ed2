package io.wirespeed.app.testpmd;

import io.wirespeed.mbuf.Mbuf;

/** rxonly: receive and free; every packet counts as consumed. */
final class RxOnlyEngine implements ForwardEngine {
    @Override
    public int forward(ForwardStream s) {
        int n = s.receive();
        if (n == 0) {
            return 0;
        }
        Mbuf.freeBulk(s.burst, 0, n);
        s.countConsumed(n);
        return n;
    }
}
