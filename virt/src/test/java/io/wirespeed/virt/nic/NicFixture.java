package io.wirespeed.virt.nic;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.traffic.TrafficGenerator;
import io.wirespeed.virt.vf.VfPortBackend;
import java.util.ArrayList;
import java.util.List;

/** A NIC on a generator uplink, driven pass by pass from the test thread, and guests on its VFs. */
final class NicFixture implements AutoCloseable {
    final Mempool wirePool = Mempool.builder("test-wire", 8192).cacheSize(0).build();
    final Port uplink;
    final EmulatedNic nic;
    private final List<AutoCloseable> closing = new ArrayList<>();

    NicFixture(NicConfig config, List<FlowSpec> wire) {
        this(config, wire, System::nanoTime);
    }

    NicFixture(NicConfig config, List<FlowSpec> wire, java.util.function.LongSupplier clock) {
        uplink = new Port(0, "net_gen0", TrafficGenerator.DRIVER, new TrafficGenerator(wire));
        uplink.configure(1, 1, PortConf.defaults());
        uplink.rxQueueSetup(0, 1024, wirePool);
        uplink.txQueueSetup(0, 1024);
        uplink.start();
        nic = new EmulatedNic(config, uplink, clock);
    }

    /** A guest on VF {@code vf}: its own memory zone, a mempool in it, a started net_vf port. */
    Port guest(int vf) {
        return guestWithPool(vf).port();
    }

    record Guest(Port port, Mempool pool) {
    }

    Guest guestWithPool(int vf) {
        MemoryZone zone = MemoryZone.anonymous("guest" + vf, 8L << 20);
        Mempool pool = Mempool.builder("guest" + vf, 1024).cacheSize(0).zone(zone).build();
        Port port = new Port(10 + vf, "net_vf" + vf, VfPortBackend.DRIVER, new VfPortBackend(nic.vf(vf), zone));
        port.configure(1, 1, PortConf.defaults().withMtu(1500));
        port.rxQueueSetup(0, 256, pool);
        port.txQueueSetup(0, 256);
        port.start();
        closing.add(0, zone);
        closing.add(0, pool);
        closing.add(0, port);
        return new Guest(port, pool);
    }

    /** Runs passes until one moves nothing. */
    void settle() {
        int idle = 0;
        while (idle < 3) {
            idle = nic.poll() == 0 ? idle + 1 : 0;
        }
    }

    /** Receives everything waiting on a guest's port, frees it, returns how many. */
    static int drain(Port port) {
        Mbuf[] burst = new Mbuf[32];
        int total = 0;
        int n;
        while ((n = port.rxBurst(0, burst, 0, 32)) > 0) {
            total += n;
            Mbuf.freeBulk(burst, 0, n);
        }
        return total;
    }

    /** Sends the flow's frames from the guest, made in the guest's own memory. */
    static void send(Guest guest, FlowSpec spec) {
        io.wirespeed.virt.traffic.FlowSource source = new io.wirespeed.virt.traffic.FlowSource(spec);
        Mbuf[] burst = new Mbuf[32];
        while (!source.done()) {
            int n = source.make(guest.pool(), burst, 0, 32, System.nanoTime());
            if (guest.port().txBurst(0, burst, 0, n) != n) {
                throw new AssertionError("the VF's transmit ring was full");
            }
        }
    }

    @Override
    public void close() throws Exception {
        nic.close();
        for (AutoCloseable c : closing) {
            c.close();
        }
        uplink.close();
        wirePool.close();
    }
}
