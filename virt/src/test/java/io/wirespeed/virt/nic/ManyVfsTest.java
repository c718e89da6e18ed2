package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManyVfsTest {
    private static final long BASE = 0x02_00_00_00_10_00L;

    /** 64 VFs, 50 frames each from the wire: every guest gets exactly its own, and nothing is lost. */
    @Test
    void sixtyFourVfsEachReceiveTheirOwnTraffic() throws Exception {
        List<FlowSpec> wire = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            wire.add(FlowSpec.of(BASE + i, 0x02_00_00_00_99_01L, 64, 50));
        }
        try (NicFixture f = new NicFixture(NicConfig.defaults(), wire)) {
            f.nic.pf().numVfs(64);
            List<Port> guests = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                f.nic.pf().mac(i, BASE + i);
                guests.add(f.guest(i));
            }
            f.settle();
            for (int i = 0; i < 64; i++) {
                assertThat(NicFixture.drain(guests.get(i))).as("vf %d", i).isEqualTo(50);
            }
            assertThat(f.nic.uplinkStats().rxPackets()).isEqualTo(64 * 50);
        }
    }
}
