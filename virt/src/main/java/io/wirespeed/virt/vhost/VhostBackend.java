package io.wirespeed.virt.vhost;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mempool;

/**
 * The {@code net_vhost} driver: the host's port onto a guest's {@link VhostDevice}. Transmitting
 * copies frames into buffers the guest posted; receiving copies the guest's queued frames into
 * mbufs of the host's pool. The descriptor count the host asks for is ignored: the guest's rings
 * set the sizes.
 */
public final class VhostBackend implements PortBackend {
    public static final String DRIVER = "net_vhost";
    private final VhostDevice device;

    VhostBackend(VhostDevice device) {
        this.device = device;
    }

    @Override
    public PortInfo info() {
        return new PortInfo(DRIVER, device.maxQueues(), device.maxQueues(), 1, 1 << 15, 0xffff);
    }

    @Override
    public void configure(int rxQueues, int txQueues, PortConf conf) {
        if (rxQueues > device.maxQueues() || txQueues > device.maxQueues()) {
            throw new IllegalArgumentException(DRIVER + ": " + device.name() + " has " + device.maxQueues() + " queue pairs");
        }
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        return new FromGuestQueue(portId, queueId, device, pool);
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new ToGuestQueue(portId, queueId, device);
    }

    @Override
    public LinkStatus link() {
        return device.link();
    }
}
