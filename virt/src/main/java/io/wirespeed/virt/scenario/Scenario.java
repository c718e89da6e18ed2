package io.wirespeed.virt.scenario;

import io.wirespeed.virt.nic.NicConfig;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;

/**
 * A host scenario: a NIC and its uplink, the PF's settings per VF, the guests on the VFs, the
 * frames arriving from the wire, and the longest the run may last. Read from YAML by
 * {@link ScenarioFile}; run by {@link ScenarioRun}.
 *
 * @param name the NIC's name: its control socket is named after it ({@code wirespeed nic --nic NAME})
 * @param uplink {@link #GENERATOR} (the built-in traffic generator sends {@code traffic}) or a
 *     port's devargs, e.g. {@code net_pcap0,rx_pcap=in.pcap}
 * @param numVfs the VFs the PF creates
 * @param traffic the generator's flows (empty for any other uplink)
 * @param durationNanos the longest the run lasts; it ends sooner once everything is sent and drained
 */
public record Scenario(String name, NicConfig nic, String uplink, int numVfs, List<VfSection> vfs, List<GuestSpec> guests,
                       List<FlowSpec> traffic, long durationNanos) {
    public static final String GENERATOR = "generator";
    public static final String DEFAULT_NAME = "nic0";

    public Scenario {
        vfs = List.copyOf(vfs);
        guests = List.copyOf(guests);
        traffic = List.copyOf(traffic);
    }

    public boolean generatorUplink() {
        return GENERATOR.equals(uplink);
    }
}
