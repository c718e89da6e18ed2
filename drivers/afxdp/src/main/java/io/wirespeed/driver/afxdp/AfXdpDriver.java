package io.wirespeed.driver.afxdp;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.Driver;
import io.wirespeed.ethdev.PortBackend;
import java.util.Set;

/**
 * {@code net_af_xdp}: a Linux interface through AF_XDP sockets, one per queue, with the mempool's
 * memory as the UMEM so that received frames land in mbufs and mbufs are sent in place. The driver
 * attaches its own six-instruction XDP program (through bpf(2), no libbpf) that redirects the
 * port's queues to the sockets. Keys as in DPDK: {@code iface} (required), {@code start_queue},
 * {@code queue_count}, {@code mode=drv|skb}, {@code force_copy}, {@code busy_budget}. See docs/AF_XDP.md.
 */
public final class AfXdpDriver implements Driver {
    @Override
    public String name() {
        return "net_af_xdp";
    }

    @Override
    public Set<String> keys() {
        return Set.of("iface", "start_queue", "queue_count", "mode", "force_copy", "busy_budget");
    }

    @Override
    public String description() {
        return "Linux interface through AF_XDP sockets (iface=NAME, start_queue, queue_count, mode=drv|skb, force_copy, busy_budget)";
    }

    @Override
    public PortBackend open(Devargs args) {
        return AfXdpBackend.open(AfXdpConfig.from(args));
    }
}
