package io.wirespeed.ring;

/**
 * The consumer side's cache line: written by consumers, read by producers only through
 * {@link #consumerTail}.
 */
abstract class RingConsumerIndices extends RingPad1 {
    /** Next index to reserve (MC only: consumers CAS it; SC uses {@link #consumerTail} alone). */
    long consumerHead;
    /** Every slot below this index has been read: producers may overwrite it. */
    long consumerTail;
    /** The last producer tail a consumer saw: entries known without touching the producer line. */
    long producerTailCache;
}
