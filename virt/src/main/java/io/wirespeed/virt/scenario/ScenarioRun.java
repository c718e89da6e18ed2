package io.wirespeed.virt.scenario;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.lcore.SleepingIdlePolicy;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.virt.control.ControlServer;
import io.wirespeed.virt.control.VmSessions;
import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.NicCommands;
import io.wirespeed.virt.nic.NicFunction;
import io.wirespeed.virt.traffic.TrafficGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Scenario}: builds the NIC on its uplink, applies the PF's settings, boots the
 * guests, starts the NIC's service thread and the guests' threads, and waits until every frame
 * is sent and accounted for (or the duration passes). Then it stops the guests (the NIC counts
 * what they left queued), stops the NIC, and reports.
 *
 * <p>Threads: the NIC's service thread; one thread that busy-polls every {@code poll} guest in
 * turn (DPDK's run-to-completion lcore); one thread per {@code interrupt} guest, asleep on its
 * queues' eventfds whenever a pass finds nothing (a kernel driver's NAPI loop).
 */
public final class ScenarioRun {
    /** How often the run checks whether everything was sent and drained. */
    private static final long CHECK_NANOS = 1_000_000;
    private static final int UPLINK_DESCRIPTORS = 1024;
    private static final int WIRE_POOL_SIZE = 8192;

    private final Scenario scenario;
    private final List<Guest> guests = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ScenarioReport.ThreadTime> threadTimes = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private ScenarioRun(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Runs {@code scenario}; a real uplink's devargs are opened through {@code drivers}. */
    public static ScenarioReport run(Scenario scenario, DriverRegistry drivers) {
        return new ScenarioRun(scenario).execute(drivers, null);
    }

    /**
     * Runs {@code scenario} with a control socket at {@code control}: while it runs,
     * {@code wirespeed nic} commands ({@link NicCommands}) change the PF's settings.
     */
    public static ScenarioReport run(Scenario scenario, DriverRegistry drivers, Path control) {
        return new ScenarioRun(scenario).execute(drivers, control);
    }

    private ScenarioReport execute(DriverRegistry drivers, Path control) {
        Mempool wirePool = Mempool.builder("uplink", WIRE_POOL_SIZE).cacheSize(0).hugePages(false).build();
        Port uplink = null;
        EmulatedNic nic = null;
        ControlServer server = null;
        try {
            uplink = openUplink(drivers, wirePool);
            nic = new EmulatedNic(scenario.nic(), uplink);
            configure(nic);
            for (GuestSpec g : scenario.guests()) {
                NicFunction function = g.vf() == GuestSpec.PF ? nic.pfFunction() : nic.vf(g.vf());
                guests.add(Guest.boot(g, function, 1 + guests.size()));
            }
            nic.start();
            if (control != null) {
                server = ControlServer.open(control, new NicCommands(nic)::execute, new VmSessions(nic));
            }
            long start = System.nanoTime();
            startGuestThreads();
            boolean drained = awaitDrained(nic, uplink.rxQueue(0), start + scenario.durationNanos());
            long elapsed = System.nanoTime() - start;
            stopGuestThreads();
            if (server != null) {
                server.close(); // the settings are final from here on
            }
            nic.close(); // no pass runs after this: nothing more is taken from the wire
            for (Guest g : guests) {
                g.stop(); // frames still queued for transmit are counted here: the counters are final
            }
            threadTimes.addFirst(new ScenarioReport.ThreadTime("nic-service", nic.serviceCpuNanos()));
            if (failure != null) {
                throw new IllegalStateException("a guest thread failed: " + failure, failure);
            }
            return ScenarioReport.of(scenario, nic, guests, elapsed, drained, threadTimes);
        } finally {
            stopGuestThreads();
            if (server != null) {
                server.close();
            }
            for (Guest g : guests) {
                g.close();
            }
            if (nic != null) {
                nic.close();
            }
            if (uplink != null) {
                uplink.close();
            }
            wirePool.close();
        }
    }

    private Port openUplink(DriverRegistry drivers, Mempool pool) {
        Port port = scenario.generatorUplink()
                ? new Port(0, "net_gen0", TrafficGenerator.DRIVER, new TrafficGenerator(scenario.traffic()))
                : drivers.open(0, scenario.uplink());
        try {
            port.configure(1, 1, PortConf.defaults());
            port.rxQueueSetup(0, UPLINK_DESCRIPTORS, pool);
            port.txQueueSetup(0, UPLINK_DESCRIPTORS);
            port.start();
            port.promiscuous(true); // the NIC sorts every frame on the wire, as a NIC with VFs does
            return port;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /** numvfs, then each VF's settings; a refusal names the VF's section. */
    private void configure(EmulatedNic nic) {
        nic.pf().numVfs(scenario.numVfs());
        for (VfSection v : scenario.vfs()) {
            try {
                v.applyTo(nic.pf());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vfs." + v.vf() + ": " + e.getMessage(), e);
            }
        }
    }

    private void startGuestThreads() {
        List<Guest> pollers = new ArrayList<>();
        for (Guest g : guests) {
            if (g.spec.mode() == GuestSpec.Mode.POLL) {
                pollers.add(g);
            } else {
                start("guest-" + g.spec.name(), () -> sleepOnInterrupts(g));
            }
        }
        if (!pollers.isEmpty()) {
            start("guests-poll", () -> pollInTurn(pollers));
        }
    }

    private void start(String name, Runnable loop) {
        threads.add(Thread.ofPlatform().name(name).daemon().start(() -> {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            try {
                loop.run();
            } catch (Throwable t) {
                failure = t;
                running = false;
            } finally {
                synchronized (threadTimes) {
                    threadTimes.add(new ScenarioReport.ThreadTime(name, cpu.getCurrentThreadCpuTime()));
                }
            }
        }));
    }

    /** The poll-mode guests, one pass each in turn, spinning when a round finds nothing. */
    private void pollInTurn(List<Guest> pollers) {
        Guest[] all = pollers.toArray(Guest[]::new);
        while (running) {
            long now = System.nanoTime();
            int work = 0;
            for (Guest g : all) {
                work += g.poll(now);
            }
            if (work == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * One interrupt-mode guest: a pass, and when it finds nothing, sleep until a queue signals; an
     * adaptive guest polls while its traffic is high and sleeps the same way when it falls.
     */
    private void sleepOnInterrupts(Guest g) {
        IdlePolicy idle = g.spec.mode() == GuestSpec.Mode.ADAPTIVE ? SleepingIdlePolicy.adaptive() : SleepingIdlePolicy.interrupt();
        try {
            for (InterruptSource q : g.receiveQueues()) {
                idle.watch(q);
            }
            int empty = 0;
            while (running) {
                int work = g.poll(System.nanoTime());
                if (work > 0) {
                    idle.busy(work);
                    empty = 0;
                } else {
                    idle.idle(++empty);
                }
            }
            g.recordSleeps(idle.sleeps(), idle.wakeups());
        } finally {
            idle.close();
        }
    }

    private void stopGuestThreads() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    /**
     * Waits until the uplink has nothing more to give, the guests have sent everything, every
     * frame offered has its outcome and the guests have read every frame delivered to them, the
     * same in two checks a millisecond apart; false if the deadline came first (or a guest failed).
     */
    private boolean awaitDrained(EmulatedNic nic, RxQueue uplinkRx, long deadline) {
        Ledger previous = null;
        while (running && System.nanoTime() < deadline) {
            LockSupport.parkNanos(CHECK_NANOS);
            if (!sent(uplinkRx)) {
                continue;
            }
            Ledger now = Ledger.read(nic, guests);
            if (now.settled() && now.equals(previous)) {
                return true;
            }
            previous = now;
        }
        return false;
    }

    private boolean sent(RxQueue uplinkRx) {
        if (!uplinkRx.isFinite() || !uplinkRx.isExhausted()) {
            return false;
        }
        for (Guest g : guests) {
            if (!g.sendingDone()) {
                return false;
            }
        }
        return true;
    }
}
