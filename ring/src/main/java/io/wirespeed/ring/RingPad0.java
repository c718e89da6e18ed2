package io.wirespeed.ring;

/** Keeps the producer indices off the cache line of the object header and of the object before it. */
abstract class RingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
}
