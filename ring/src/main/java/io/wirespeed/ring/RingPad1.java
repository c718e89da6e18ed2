package io.wirespeed.ring;

/** Separates the producer cache line from the consumer cache line (128 bytes: adjacent-line prefetch). */
abstract class RingPad1 extends RingProducerIndices {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
}
