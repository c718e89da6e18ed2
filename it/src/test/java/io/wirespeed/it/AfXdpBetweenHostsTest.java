package io.wirespeed.it;

import java.util.List;

/** l2fwd over net_af_xdp on the DUT-side ends of two veth pairs. */
class AfXdpBetweenHostsTest extends L2fwdBetweenHostsContract {
    @Override
    Hosts createHosts() {
        return VethHosts.create();
    }

    @Override
    List<String> vdevs(Hosts h) {
        VethHosts v = (VethHosts) h;
        return List.of("net_af_xdp0,iface=" + v.dutA(), "net_af_xdp1,iface=" + v.dutB());
    }
}
