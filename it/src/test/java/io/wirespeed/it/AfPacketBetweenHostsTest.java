package io.wirespeed.it;

import java.util.List;

/** l2fwd over net_af_packet on the DUT-side ends of two veth pairs. */
class AfPacketBetweenHostsTest extends L2fwdBetweenHostsContract {
    @Override
    Hosts createHosts() {
        return VethHosts.create();
    }

    @Override
    List<String> vdevs(Hosts h) {
        VethHosts v = (VethHosts) h;
        return List.of("net_af_packet0,iface=" + v.dutA(), "net_af_packet1,iface=" + v.dutB());
    }
}
