package io.wirespeed.cli;

import io.wirespeed.virt.control.ControlClient;
import io.wirespeed.virt.nic.NicCommands;
import io.wirespeed.virt.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirespeed nic ...}: the PF's administration of a running NIC, in ip link's words. */
@Command(name = "nic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Change or show a running NIC (one that wirespeed run started), as ip link does a PF's VFs.",
                NicCommands.USAGE,
                "Example: wirespeed nic vf 3 vlan 100 qos 2"})
public final class NicCommand implements Callable<Integer> {
    @Option(names = "--nic", paramLabel = "NAME", description = "the NIC's name (the scenario's nic.name; default ${DEFAULT-VALUE})")
    String name = Scenario.DEFAULT_NAME;

    @Option(names = "--socket", paramLabel = "PATH", description = "its control socket (default: from --nic)")
    Path socket;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "show | numvfs N | vf N SETTING...")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        Path path = socket != null ? socket : ControlClient.defaultPath(name);
        ControlClient.Reply reply = ControlClient.send(path, String.join(" ", words));
        if (!reply.ok()) {
            throw new Wirespeed.UserError(reply.output());
        }
        System.out.print(reply.output());
        System.out.flush();
        return 0;
    }
}
