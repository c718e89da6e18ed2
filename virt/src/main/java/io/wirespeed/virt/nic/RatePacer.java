package io.wirespeed.virt.nic;

/**
 * A token bucket in time form: the earliest instant the next frame may pass. Each frame moves
 * that instant on by its length at the configured rate; a backlog of up to {@code burstNanos} is
 * allowed, so a sender that pauses gets that much credit, not more. One thread uses it (the NIC's).
 */
final class RatePacer {
    private final double nanosPerBit;
    private final long burstNanos;
    private long nextAllowed;

    /** @param bitsPerSecond the rate, > 0 */
    RatePacer(long bitsPerSecond, long burstNanos) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0 bit/s");
        }
        this.nanosPerBit = 1e9 / bitsPerSecond;
        this.burstNanos = burstNanos;
    }

    /** Whether a frame may pass at {@code now}. */
    boolean admits(long now) {
        return now >= nextAllowed;
    }

    /** Charges a frame of {@code bits} that passed at {@code now}. */
    void charge(long now, long bits) {
        long start = Math.max(nextAllowed, now - burstNanos);
        nextAllowed = start + (long) (bits * nanosPerBit);
    }
}
