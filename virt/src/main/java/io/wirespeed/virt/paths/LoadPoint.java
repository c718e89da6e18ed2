package io.wirespeed.virt.paths;

/** One trial at a fixed offered load: what was offered and delivered, per second, and the loss. */
public record LoadPoint(double offeredMpps, double deliveredMpps, long offered, long delivered) {
    public double lossFraction() {
        return offered == 0 ? 0 : (double) (offered - delivered) / offered;
    }
}
