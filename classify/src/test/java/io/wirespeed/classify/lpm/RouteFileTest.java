package io.wirespeed.classify.lpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteFileTest {
    @Test
    void ipv4AndIpv6RoutesAreSortedByFamilyInFileOrder() {
        RouteFile.Routes routes = RouteFile.parseRoutes(List.of(
                "10.0.0.0/8 1", "2001:db8::/32 2  # doc prefix", "", "192.168.1.0/24 0", "::/1 3"));
        assertThat(routes.ipv4()).extracting(RouteFile.Route::toString).containsExactly("10.0.0.0/8 1", "192.168.1.0/24 0");
        assertThat(routes.ipv6()).extracting(RouteFile.Route6::toString).containsExactly("2001:db8::/32 2", "::/1 3");
    }

    @Test
    void ipv6HostBitsAreCleared() {
        RouteFile.Route6 r = RouteFile.parseRoutes(List.of("2001:db8::ff/120 4")).ipv6().getFirst();
        assertThat(r.low()).isZero();
        assertThat(r.depth()).isEqualTo(120);
    }

    @Test
    void aBadIpv6LineNamesItsNumber() {
        assertThatThrownBy(() -> RouteFile.parseRoutes(List.of("10.0.0.0/8 1", "2001:db8::/129 1")))
                .hasMessage("2: '2001:db8::/129': prefix length must be 1..128");
        assertThatThrownBy(() -> RouteFile.parseRoutes(List.of("2001:db8::/32 2097152")))
                .hasMessage("1: port '2097152' is not a number 0..2097151");
    }

    @Test
    void theIpv4OnlyParserRefusesIpv6Lines() {
        assertThatThrownBy(() -> RouteFile.parse(List.of("10.0.0.0/8 1", "# v6", "2001:db8::/32 1")))
                .hasMessage("3: '2001:db8::/32' is an IPv6 prefix; this table takes IPv4 routes");
    }
}
