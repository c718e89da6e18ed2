package io.wirespeed.driver.afxdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.sys.SysException;
import org.junit.jupiter.api.Test;

/** Devargs and error texts: no root, no interface needed. */
class AfXdpDriverTest {
    private final DriverRegistry registry = DriverRegistry.load();

    private static AfXdpConfig config(String devargs) {
        return AfXdpConfig.from(Devargs.parse(devargs));
    }

    @Test
    void theRegistryFindsTheDriver() {
        assertThat(new AfXdpDriver().name()).isEqualTo("net_af_xdp");
        assertThatThrownBy(() -> registry.open(0, "net_af_xdp0,ifce=veth0"))
                .hasMessage("net_af_xdp0: unknown key 'ifce' (valid keys: busy_budget, force_copy, iface, mode, queue_count, start_queue)");
    }

    @Test
    void defaultsAreDpdks() {
        AfXdpConfig c = config("net_af_xdp0,iface=veth0");
        assertThat(c.iface()).isEqualTo("veth0");
        assertThat(c.startQueue()).isZero();
        assertThat(c.queueCount()).isEqualTo(1);
        assertThat(c.mode()).isEqualTo(XdpMode.AUTO);
        assertThat(c.forceCopy()).isFalse();
        assertThat(c.busyBudget()).isEqualTo(64);
    }

    @Test
    void everyKeyIsRead() {
        AfXdpConfig c = config("net_af_xdp1,iface=eth1,start_queue=2,queue_count=4,mode=skb,force_copy=1,busy_budget=0");
        assertThat(c).isEqualTo(new AfXdpConfig("net_af_xdp1", "eth1", 2, 4, XdpMode.SKB, true, 0));
        assertThat(c.interfaceQueue(3)).isEqualTo(5);
        assertThat(config("net_af_xdp0,iface=e,mode=drv").mode()).isEqualTo(XdpMode.DRV);
    }

    @Test
    void theInterfaceIsRequired() {
        assertThatThrownBy(() -> config("net_af_xdp0,mode=drv")).hasMessage("net_af_xdp0: key 'iface' is required");
    }

    @Test
    void anUnknownModeListsTheValidOnes() {
        assertThatThrownBy(() -> config("net_af_xdp0,iface=veth0,mode=hw"))
                .hasMessage("net_af_xdp0: mode=hw is not an XDP mode (valid: drv, skb; without mode= drv is tried first, then skb)");
    }

    @Test
    void aQueueCountOfZeroIsOutOfRange() {
        assertThatThrownBy(() -> config("net_af_xdp0,iface=veth0,queue_count=0"))
                .hasMessage("net_af_xdp0: queue_count=0 is out of range 1..256");
    }

    @Test
    void anInterfaceNameLongerThanLinuxAllowsIsRefused() {
        assertThatThrownBy(() -> config("net_af_xdp0,iface=averyverylongname0"))
                .hasMessageStartingWith("net_af_xdp0: iface=averyverylongname0 is not an interface name");
    }

    @Test
    void permissionErrorsSayWhatIsMissing() {
        RuntimeException e = AfXdpErrors.translate(new SysException("socket(44, 524291, 0)", 1), "net_af_xdp0", "veth0", "x");
        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp0: AF_XDP needs CAP_NET_ADMIN and CAP_BPF (or CAP_SYS_ADMIN) — run as root");
    }

    @Test
    void aKernelWithoutAfXdpPointsToAfPacket() {
        RuntimeException e = AfXdpErrors.translate(new SysException("socket(44, 524291, 0)", AfXdpErrors.EAFNOSUPPORT),
                "net_af_xdp0", "veth0", "open an AF_XDP socket");
        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp0: this kernel has no AF_XDP sockets; use net_af_packet0,iface=veth0");
    }

    @Test
    void otherKernelErrorsKeepTheCallAndTheErrno() {
        RuntimeException e = AfXdpErrors.translate(new SysException("setsockopt(5, level 283, option 4)", 12),
                "net_af_xdp0", "veth0", "register the UMEM");
        assertThat(e).isInstanceOf(SysException.class)
                .hasMessage("net_af_xdp0: register the UMEM: setsockopt(5, level 283, option 4): ENOMEM (Cannot allocate memory)");
    }
}
