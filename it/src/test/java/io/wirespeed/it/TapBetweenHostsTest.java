package io.wirespeed.it;

import java.util.List;

/**
 * l2fwd over two net_tap ports whose taps are moved into the hosts' namespaces. Without MAC
 * updating: a tap's kernel side and its port share one address, so rewritten frames would reach
 * each host with its own address as source.
 */
class TapBetweenHostsTest extends L2fwdBetweenHostsContract {
    @Override
    Hosts createHosts() {
        return TapHosts.create();
    }

    @Override
    List<String> vdevs(Hosts h) {
        TapHosts t = (TapHosts) h;
        return List.of("net_tap0,iface=" + t.tapA, "net_tap1,iface=" + t.tapB);
    }

    @Override
    boolean macUpdating() {
        return false;
    }

    @Override
    void portsOpened(Hosts h) {
        ((TapHosts) h).attach();
    }
}
