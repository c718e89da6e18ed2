package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.lcore.SleepingIdlePolicy;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.virt.control.ControlClient;
import io.wirespeed.virt.control.RemoteVf;
import io.wirespeed.virt.scenario.Guest;
import io.wirespeed.virt.scenario.GuestSpec;
import io.wirespeed.virt.scenario.Scenario;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirespeed vm}: a guest in a process of its own on a VF of a running NIC. Its memory is
 * a memfd the NIC maps; its rings and buffers live there, so frames move without this process
 * and the NIC's exchanging anything but the memory itself.
 */
@Command(name = "vm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a guest in this process on a VF of a running NIC (wirespeed run), receiving into its own memory.",
                "Example: wirespeed vm --vf 1 --mode interrupt --duration 10 --json"})
public final class VmCommand implements Callable<Integer> {
    @Option(names = "--nic", paramLabel = "NAME", description = "the NIC's name (default ${DEFAULT-VALUE})")
    String name = Scenario.DEFAULT_NAME;

    @Option(names = "--socket", paramLabel = "PATH", description = "its control socket (default: from --nic)")
    Path socket;

    @Option(names = "--vf", paramLabel = "N", required = true, description = "the VF to attach to (a number, or pf)")
    String vf;

    @Option(names = "--mode", paramLabel = "MODE", description = "poll, interrupt or adaptive (default ${DEFAULT-VALUE})")
    String mode = "poll";

    @Option(names = "--descriptors", paramLabel = "N", description = "receive ring size (default ${DEFAULT-VALUE})")
    int descriptors = GuestSpec.DEFAULT_DESCRIPTORS;

    @Option(names = "--duration", paramLabel = "S", description = "run S seconds, then detach (default: until killed)")
    double duration;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    private volatile boolean stopping;

    @Override
    public Integer call() {
        GuestSpec.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "poll" -> GuestSpec.Mode.POLL;
            case "interrupt" -> GuestSpec.Mode.INTERRUPT;
            case "adaptive" -> GuestSpec.Mode.ADAPTIVE;
            default -> throw new IllegalArgumentException("--mode must be poll, interrupt or adaptive (got '" + mode + "')");
        };
        if (!vf.equals("pf") && !vf.matches("\\d+")) {
            throw new IllegalArgumentException("--vf must be a VF number or pf (got '" + vf + "')");
        }
        if (duration < 0) {
            throw new IllegalArgumentException("--duration " + duration + " must not be negative");
        }
        GuestSpec spec = new GuestSpec("vm-" + vf, vf.equals("pf") ? GuestSpec.PF : Integer.parseInt(vf), m,
                GuestSpec.App.RXONLY, 1, descriptors, List.of(), List.of());
        Path path = socket != null ? socket : ControlClient.defaultPath(name);
        MemoryZone zone = MemoryZone.memfd("vm-" + vf, Guest.zoneBytes(spec));
        RemoteVf device;
        try {
            device = RemoteVf.attach(path, vf, zone);
        } catch (RuntimeException e) {
            zone.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true));
        long start = System.nanoTime();
        try (device; Guest guest = Guest.boot(spec, device, 0, zone)) {
            System.out.printf("vm: attached to %s (%d MiB of guest memory, %s mode)%n", device.name(),
                    zone.size() >> 20, mode);
            System.out.flush();
            long wakeups = run(guest, m, start);
            guest.stop();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "vm: %s received %d frames (%d bytes) in %.3f s%s%n", device.name(),
                    guest.rxPackets(), guest.rxBytes(), seconds, m != GuestSpec.Mode.POLL ? ", " + wakeups + " wake-ups" : "");
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("vf", device.name());
                o.put("mode", mode);
                o.put("duration_s", seconds);
                o.put("rx_packets", guest.rxPackets());
                o.put("rx_bytes", guest.rxBytes());
                o.put("wakeups", wakeups);
                System.out.println(Json.write(o));
            }
            System.out.flush();
        }
        return 0;
    }

    /** Receives until the duration passes or the process is told to stop; returns the interrupt wake-ups. */
    private long run(Guest guest, GuestSpec.Mode m, long start) {
        long end = duration > 0 ? start + (long) (duration * 1e9) : Long.MAX_VALUE;
        IdlePolicy idle = switch (m) {
            case POLL -> null;
            case INTERRUPT -> SleepingIdlePolicy.interrupt();
            case ADAPTIVE -> SleepingIdlePolicy.adaptive();
        };
        if (idle != null) {
            for (InterruptSource q : guest.receiveQueues()) {
                idle.watch(q);
            }
        }
        int empty = 0;
        long now;
        while (!stopping && (now = System.nanoTime()) < end) {
            int work = guest.poll(now);
            if (idle == null) {
                if (work == 0) {
                    Thread.onSpinWait();
                }
            } else if (work > 0) {
                idle.busy(work);
                empty = 0;
            } else {
                idle.idle(++empty);
            }
        }
        if (idle == null) {
            return 0;
        }
        long wakeups = idle.wakeups();
        idle.close();
        return wakeups;
    }
}
