package io.wirespeed.ring;

/** Keeps the consumer indices off the cache line of the read-only fields and of the next object. */
abstract class RingPad2 extends RingConsumerIndices {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
}
