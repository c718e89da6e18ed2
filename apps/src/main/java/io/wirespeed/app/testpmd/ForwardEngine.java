package io.wirespeed.app.testpmd;

/** What a forwarding mode does to one stream, once per loop iteration (DPDK's packet_fwd_t). */
interface ForwardEngine {
    /** Handles one burst of the stream; returns the packets it handled (0: nothing to do). */
    int forward(ForwardStream s);
}
