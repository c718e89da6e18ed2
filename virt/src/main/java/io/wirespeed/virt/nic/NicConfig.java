package io.wirespeed.virt.nic;

/**
 * How an emulated NIC is built.
 *
 * @param linkBitsPerSecond the uplink's speed; frames each way are paced to it
 * @param totalVfs the VFs the PF can create (sriov_totalvfs)
 * @param queuesPerVf queue pairs each VF offers (and the PF's own pool)
 * @param switchMode the internal switch: VEB loops frames between functions inside the NIC, VEPA sends all to the wire
 * @param defaultToPf unknown unicast from the wire goes to the PF's pool (true) or is dropped as no_pool
 * @param interruptIntervalNanos interrupt moderation: at most one interrupt per queue per interval
 * @param pfMac the PF's own address
 */
public record NicConfig(long linkBitsPerSecond, int totalVfs, int queuesPerVf, SwitchMode switchMode,
                        boolean defaultToPf, long interruptIntervalNanos, long pfMac) {
    public static final int MAX_TOTAL_VFS = 256;
    public static final long DEFAULT_PF_MAC = 0x02_00_00_00_00_feL;
    /** 20 µs: ixgbe's default interrupt throttle (about 50,000 interrupts per second per vector). */
    public static final long DEFAULT_INTERRUPT_INTERVAL_NANOS = 20_000;

    public NicConfig {
        if (linkBitsPerSecond <= 0) {
            throw new IllegalArgumentException("link speed must be > 0 (got " + linkBitsPerSecond + " bit/s)");
        }
        if (totalVfs < 0 || totalVfs > MAX_TOTAL_VFS) {
            throw new IllegalArgumentException("totalvfs must be 0.." + MAX_TOTAL_VFS + " (got " + totalVfs + ")");
        }
        if (queuesPerVf < 1 || queuesPerVf > EmulatedNic.MAX_QUEUES_PER_FUNCTION) {
            throw new IllegalArgumentException("queues per VF must be 1.." + EmulatedNic.MAX_QUEUES_PER_FUNCTION
                    + " (got " + queuesPerVf + ")");
        }
        if (interruptIntervalNanos < 0) {
            throw new IllegalArgumentException("interrupt interval must be >= 0 (got " + interruptIntervalNanos + " ns)");
        }
    }

    /** A 10G NIC with 64 VFs of one queue pair, VEB, unknown unicast dropped, 20 µs moderation. */
    public static NicConfig defaults() {
        return new NicConfig(10_000_000_000L, 64, 1, SwitchMode.VEB, false, DEFAULT_INTERRUPT_INTERVAL_NANOS,
                DEFAULT_PF_MAC);
    }

    public NicConfig withLinkSpeed(long bitsPerSecond) {
        return new NicConfig(bitsPerSecond, totalVfs, queuesPerVf, switchMode, defaultToPf, interruptIntervalNanos, pfMac);
    }

    public NicConfig withTotalVfs(int n) {
        return new NicConfig(linkBitsPerSecond, n, queuesPerVf, switchMode, defaultToPf, interruptIntervalNanos, pfMac);
    }

    public NicConfig withQueuesPerVf(int n) {
        return new NicConfig(linkBitsPerSecond, totalVfs, n, switchMode, defaultToPf, interruptIntervalNanos, pfMac);
    }

    public NicConfig withSwitchMode(SwitchMode m) {
        return new NicConfig(linkBitsPerSecond, totalVfs, queuesPerVf, m, defaultToPf, interruptIntervalNanos, pfMac);
    }

    public NicConfig withDefaultToPf(boolean on) {
        return new NicConfig(linkBitsPerSecond, totalVfs, queuesPerVf, switchMode, on, interruptIntervalNanos, pfMac);
    }

    public NicConfig withInterruptInterval(long nanos) {
        return new NicConfig(linkBitsPerSecond, totalVfs, queuesPerVf, switchMode, defaultToPf, nanos, pfMac);
    }

    public int speedMbps() {
        return (int) Math.min(Integer.MAX_VALUE, linkBitsPerSecond / 1_000_000);
    }

    /** Parses a link speed such as {@code 10G}, {@code 25G}, {@code 100G}, {@code 1000M}. */
    public static long parseSpeed(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("G")) {
            unit = 1_000_000_000L;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("M")) {
            unit = 1_000_000L;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("link speed must look like 10G, 25G, 100G or 1000M (got '" + text + "')");
        }
    }
}
