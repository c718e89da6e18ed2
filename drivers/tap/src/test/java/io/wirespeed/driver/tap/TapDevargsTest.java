package io.wirespeed.driver.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Names;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes in net_tap's devargs end in one line that says what to change, and leave nothing behind. */
class TapDevargsTest {
    private final DriverRegistry registry = DriverRegistry.load();

    @Test
    void theDriverIsFoundByItsName() {
        assertThat(registry.driverFor("net_tap0").name()).isEqualTo("net_tap");
    }

    @Test
    void anUnknownKeyIsRejectedListingTheValidOnes() {
        assertThatThrownBy(() -> registry.open(0, "net_tap0,ifname=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_tap0: unknown key 'ifname' (valid keys: iface, mac)");
    }

    @Test
    void aMalformedMacIsOneLine() {
        assertThatThrownBy(() -> registry.open(0, "net_tap0,mac=02:00:zz:00:00:01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_tap0: mac=02:00:zz:00:00:01 is not a MAC address (expected e.g. mac=02:00:00:00:00:01, or mac=fixed)");
    }

    @Test
    void aMulticastMacIsRefused() {
        assertThatThrownBy(() -> registry.open(0, "net_tap0,mac=01:00:5e:00:00:01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("net_tap0: mac=01:00:5e:00:00:01 is not a unicast address");
    }

    @Test
    void macFixedFollowsTheDeviceNumber() {
        assertThat(TapDriver.mac("net_tap0", "fixed")).isEqualTo(MacAddress.parse("02:64:74:61:70:00"));
        assertThat(TapDriver.mac("net_tap12", "FIXED")).isEqualTo(MacAddress.parse("02:64:74:61:70:0c"));
    }

    @Test
    void anInterfaceNameTooLongForLinuxIsOneLine() {
        assertThatThrownBy(() -> registry.open(0, "net_tap0,iface=abcdefghijklmnop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_tap0: iface=abcdefghijklmnop is not an interface name (1 to 15 characters, no '/', ':' or spaces)");
    }

    @Test
    void anInterfaceThatIsNotATapIsNamedWithWhatItIs() {
        Host.requireRoot();
        assertThatThrownBy(() -> registry.open(0, "net_tap0,iface=lo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_tap0: interface 'lo' exists and is not a multi-queue tap device (it is not a tun/tap device):"
                        + " pick another iface= name");
        assertThat(NetInterfaces.exists("lo")).isTrue();
    }

    @Test
    void aSingleQueueTapSaysHowToMakeAMultiQueueOne() {
        Host.requireRoot();
        Host.requireTools("ip");
        String iface = Names.unique() + "s";
        Host.run("ip", "tuntap", "add", "mode", "tap", "name", iface);
        try {
            assertThatThrownBy(() -> registry.open(0, "net_tap0,iface=" + iface))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it is a single-queue tap; 'ip tuntap add mode tap name " + iface + " multi_queue'");
        } finally {
            Host.runAllowingFailure(List.of("ip", "link", "del", iface), 30);
        }
    }

    @Test
    void withoutCapNetAdminTheMessageNamesTheCapabilityAndNothingIsCreated() {
        Host.requireRoot();
        String iface = Names.unique() + "t";
        assertThatThrownBy(() -> WithoutNetAdmin.call(() -> registry.open(0, "net_tap0,iface=" + iface)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_tap0: creating a tap device needs CAP_NET_ADMIN (run as root)");
        assertThat(NetInterfaces.exists(iface)).isFalse();
    }
}
