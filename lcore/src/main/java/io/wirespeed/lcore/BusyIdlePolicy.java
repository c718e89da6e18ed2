package io.wirespeed.lcore;

/**
 * Never waits: after an empty poll, only a spin-wait hint (x86 PAUSE), which eases the sibling
 * hyperthread and the memory bus while the loop polls again at once. DPDK's default: the lowest
 * latency, at the price of a CPU at 100% whether packets come or not.
 */
public final class BusyIdlePolicy implements IdlePolicy {
    @Override
    public void idle(int emptyPolls) {
        Thread.onSpinWait();
    }

    @Override
    public void busy(int workFound) {
    }

    @Override
    public String name() {
        return "busy";
    }

    @Override
    public String toString() {
        return name();
    }
}
