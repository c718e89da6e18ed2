package io.wirespeed.virt.paths;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.virt.vf.DescriptorRing;
import io.wirespeed.virt.vf.VfDevice;
import io.wirespeed.virt.vf.VfPortBackend;

/**
 * The hypervisor's own driver on a NIC function (the PF, or a VMDq pool): a started
 * {@code net_vf} port whose rings and buffers live in host memory, and the pool behind it (which
 * also feeds the host's copies from a guest).
 */
final class HostPort implements AutoCloseable {
    private static final int MBUF_BYTES = 128 + 2048 + 128;
    final Port port;
    final Mempool pool;
    private final MemoryZone zone;

    private HostPort(Port port, Mempool pool, MemoryZone zone) {
        this.port = port;
        this.pool = pool;
        this.zone = zone;
    }

    static HostPort open(String name, int portId, VfDevice function, int descriptors) {
        int poolSize = 4 * descriptors + 1024;
        MemoryZone zone = MemoryZone.anonymous("host-" + name,
                (long) poolSize * MBUF_BYTES + 2 * DescriptorRing.bytes(descriptors) + (1 << 20));
        Mempool pool = null;
        Port port = null;
        try {
            pool = Mempool.builder("host-" + name, poolSize).cacheSize(0).zone(zone).build();
            port = new Port(portId, "net_vf_host_" + name, VfPortBackend.DRIVER, new VfPortBackend(function, zone));
            port.configure(1, 1, new PortConf(PortConf.DEFAULT_MTU, false));
            port.rxQueueSetup(0, descriptors, pool);
            port.txQueueSetup(0, descriptors);
            port.start();
            return new HostPort(port, pool, zone);
        } catch (RuntimeException e) {
            if (port != null) {
                port.close();
            }
            if (pool != null) {
                pool.close();
            }
            zone.close();
            throw e;
        }
    }

    @Override
    public void close() {
        port.close();
        pool.close();
        zone.close();
    }
}
