package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.Driver;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.sys.Libc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Set;

/**
 * {@code net_af_packet}: a port on a Linux network interface through AF_PACKET sockets with
 * TPACKET_V3 rings shared with the kernel (DPDK's net_af_packet, devargs and all). Needs
 * CAP_NET_RAW. See docs/AF_PACKET.md.
 */
public final class AfPacketDriver implements Driver {
    private static final MethodHandle GETPAGESIZE = Libc.call("getpagesize", FunctionDescriptor.of(JAVA_INT));

    @Override
    public String name() {
        return "net_af_packet";
    }

    @Override
    public Set<String> keys() {
        return AfPacketConfig.KEYS;
    }

    @Override
    public String description() {
        return "Linux interface through AF_PACKET sockets with mmapped TPACKET_V3 rings (iface=NAME, qpairs=N)";
    }

    @Override
    public PortBackend open(Devargs args) {
        return AfPacketBackend.open(AfPacketConfig.parse(args, pageSize()));
    }

    static int pageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
