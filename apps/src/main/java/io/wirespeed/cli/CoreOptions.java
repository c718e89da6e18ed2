package io.wirespeed.cli;

import io.wirespeed.lcore.CoreList;
import io.wirespeed.sys.Affinity;
import picocli.CommandLine.Option;

/** EAL's lcore options, shared by the commands that run lcores: {@code -l CORELIST} or {@code --lcores COREMAP}. */
final class CoreOptions {
    @Option(names = "-l", paramLabel = "CORELIST",
            description = "lcores to run, e.g. 0-1: the first is the main lcore (default: every CPU)")
    String coreList;

    @Option(names = "--lcores", paramLabel = "COREMAP", description = "lcore-to-CPU map, e.g. 0@0,1@1 or (0-1)@0")
    String lcoreMap;

    /** The lcores asked for, checked against the CPUs this process may use. */
    CoreList cores() {
        if (coreList != null && lcoreMap != null) {
            throw new IllegalArgumentException("give -l or --lcores, not both");
        }
        if (lcoreMap != null) {
            return CoreList.parseLcores(lcoreMap);
        }
        if (coreList != null) {
            return CoreList.parseCores(coreList);
        }
        return CoreList.parseCores(Affinity.process().toString().replaceAll("[{} ]", ""));
    }
}
