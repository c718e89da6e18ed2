package io.wirespeed.lcore;

/**
 * A function launched on an lcore threw. Carries the lcore id so that the one line a user sees
 * says where it happened; the cause is what the function threw.
 */
public final class LcoreFailedException extends RuntimeException {
    private final int lcoreId;

    public LcoreFailedException(int lcoreId, Throwable cause) {
        super("lcore " + lcoreId + ": " + cause, cause);
        this.lcoreId = lcoreId;
    }

    public int lcoreId() {
        return lcoreId;
    }
}
