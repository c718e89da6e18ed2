package io.wirespeed.app.testpmd;

/** io: receive a burst, send it unchanged. */
final class IoEngine implements ForwardEngine {
    @Override
    public int forward(ForwardStream s) {
        int n = s.receive();
        if (n == 0) {
            return 0;
        }
        s.transmit(n);
        return n;
    }
}
