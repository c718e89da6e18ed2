package io.wirespeed.app.testpmd;

import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, without asserting on time. */
final class Await {
    private Await() {
    }

    /** Polls every millisecond until {@code condition} holds or 10 s pass; returns whether it held. */
    static boolean until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
