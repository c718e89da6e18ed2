package io.wirespeed.driver.afxdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Names;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Native versus generic XDP, on a Linux bridge: an interface whose driver has no native XDP. */
class AfXdpModeTest {
    private static final DriverRegistry REGISTRY = DriverRegistry.load();
    private String bridge;

    @BeforeEach
    void setUp() {
        Host.requireRoot();
        Host.requireTools("ip");
        bridge = Names.unique() + "r";
        Host.run("ip", "link", "add", bridge, "type", "bridge");
    }

    @AfterEach
    void tearDown() {
        Log.to(System.err);
        Log.quiet(false);
        if (bridge != null) {
            Host.runAllowingFailure(List.of("ip", "link", "del", bridge), 30);
        }
    }

    @Test
    void withoutModeADriverWithoutNativeXdpFallsBackToGenericWithOneLogLine() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.to(new PrintStream(log, true, StandardCharsets.UTF_8));
        Log.quiet(false);
        try (Port port = REGISTRY.open(0, "net_af_xdp0,iface=" + bridge)) {
            assertThat(((AfXdpBackend) port.backend()).mode()).isEqualTo(XdpMode.SKB);
            assertThat(Host.run("ip", "-d", "link", "show", "dev", bridge)).contains("xdpgeneric");
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("wirespeed: net_af_xdp: net_af_xdp0: " + bridge
                + " refused native XDP (EOPNOTSUPP); using generic XDP (mode=skb)" + System.lineSeparator());
        assertThat(Host.run("ip", "-d", "link", "show", "dev", bridge)).doesNotContain("xdp");
    }

    @Test
    void modeDrvOnADriverWithoutNativeXdpFailsAndSaysUseSkb() {
        Log.quiet(true);
        assertThatThrownBy(() -> REGISTRY.open(0, "net_af_xdp0,iface=" + bridge + ",mode=drv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp0: " + bridge + " refused native XDP (EOPNOTSUPP: Operation not supported); use mode=skb");
        assertThat(Host.run("ip", "-d", "link", "show", "dev", bridge)).doesNotContain("xdp");
    }
}
