package io.wirespeed.app.testpmd;

/** io: receive a burst, send it unchanged. */
final class IoEngine implements ForwardEngine {
    @Override
    public int forward(ForwardStream s) {
        int n = s.rx.rxBurst(s.burst, 0, s.burstSize);
        if (n == 0) {
            return 0;
        }
        s.countReceived(n);
        s.transmit(n);
        return n;
    }
}
