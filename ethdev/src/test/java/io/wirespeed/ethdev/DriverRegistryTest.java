package io.wirespeed.ethdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DriverRegistryTest {
    private record Named(String name) implements Driver {
        @Override
        public Set<String> keys() {
            return Set.of("size");
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public PortBackend open(Devargs args) {
            return new PortTest.Loop();
        }
    }

    private final DriverRegistry registry = DriverRegistry.of(new Named("net_a"), new Named("net_ab"));

    @Test
    void longestMatchingDriverNameWins() {
        assertThat(registry.driverFor("net_ab0").name()).isEqualTo("net_ab");
        assertThat(registry.driverFor("net_a0").name()).isEqualTo("net_a");
    }

    @Test
    void unknownDriverListsTheValidOnes() {
        assertThatThrownBy(() -> registry.open(0, "net_bogus0"))
                .hasMessage("no driver for device 'net_bogus0' (valid drivers: net_a, net_ab)");
    }

    @Test
    void unknownKeyIsRefusedBeforeTheDriverOpens() {
        assertThatThrownBy(() -> registry.open(0, "net_a0,colour=red"))
                .hasMessage("net_a0: unknown key 'colour' (valid keys: size)");
    }

    @Test
    void openedPortCarriesTheDeviceAndDriverNames() {
        Port p = registry.open(3, "net_a0,size=1");
        assertThat(p.id()).isEqualTo(3);
        assertThat(p.name()).isEqualTo("net_a0");
        assertThat(p.driverName()).isEqualTo("net_a");
    }
}
