package io.wirespeed.ring;

/**
 * The producer side's cache line: written by producers, read by consumers only through
 * {@link #producerTail}.
 */
abstract class RingProducerIndices extends RingPad0 {
    /** Next index to reserve (MP only: producers CAS it; SP uses {@link #producerTail} alone). */
    long producerHead;
    /** Every index below this one has been written and published to consumers. */
    long producerTail;
    /** The last consumer tail a producer saw: free space known without touching the consumer line. */
    long consumerTailCache;
}
