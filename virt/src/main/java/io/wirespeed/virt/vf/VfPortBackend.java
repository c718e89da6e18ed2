package io.wirespeed.virt.vf;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import java.lang.foreign.MemorySegment;

/**
 * The {@code net_vf} driver: a port over one virtual function whose descriptor rings and packet
 * buffers live in the guest's memory zone. Probing resets the function through the mailbox (the
 * PF refuses everything else until then) and learns its MAC address from the reply.
 */
public final class VfPortBackend implements PortBackend {
    public static final String DRIVER = "net_vf";
    public static final int MIN_DESCRIPTORS = 64;
    public static final int MAX_DESCRIPTORS = 4096;

    private final VfDevice device;
    private final MemoryZone zone;
    private final long mac;
    private int rxQueues;
    private long[] rxRingOffsets = new long[0];
    private int[] rxRingSizes = new int[0];
    private long[] txRingOffsets = new long[0];
    private int[] txRingSizes = new int[0];
    private boolean started;

    /**
     * Probes {@code device} for a guest whose memory is {@code zone}.
     *
     * @throws IllegalStateException when the PF refuses the reset
     */
    public VfPortBackend(VfDevice device, MemoryZone zone) {
        this.device = device;
        this.zone = zone;
        MailboxReply reply = device.request(new MailboxRequest.Reset());
        if (!reply.acknowledged()) {
            throw new IllegalStateException(DRIVER + ": " + device.name() + " refused the reset: " + reply.refusal());
        }
        this.mac = reply.value();
    }

    public VfDevice device() {
        return device;
    }

    @Override
    public PortInfo info() {
        return new PortInfo(DRIVER, device.maxQueues(), device.maxQueues(), MIN_DESCRIPTORS, MAX_DESCRIPTORS, 0xffff);
    }

    @Override
    public void configure(int rxQueueCount, int txQueueCount, PortConf conf) {
        if (rxQueueCount != txQueueCount) {
            throw new IllegalArgumentException(DRIVER + ": a VF's queues come in pairs (asked for " + rxQueueCount
                    + " rx, " + txQueueCount + " tx)");
        }
        this.rxQueues = rxQueueCount;
        this.rxRingOffsets = new long[rxQueueCount];
        this.rxRingSizes = new int[rxQueueCount];
        this.txRingOffsets = new long[txQueueCount];
        this.txRingSizes = new int[txQueueCount];
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        if (pool.zone() != zone) {
            throw new IllegalArgumentException(DRIVER + ": the receive mempool " + pool.name()
                    + " must live in the guest's memory zone " + zone.name() + " (the device writes only there)");
        }
        MemorySegment memory = ringMemory(descriptors);
        rxRingOffsets[queueId] = offsetOf(memory);
        rxRingSizes[queueId] = descriptors;
        return new VfRxQueue(portId, queueId, new DescriptorRing(memory, descriptors), pool, device.interrupt(queueId));
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        MemorySegment memory = ringMemory(descriptors);
        txRingOffsets[queueId] = offsetOf(memory);
        txRingSizes[queueId] = descriptors;
        return new VfTxQueue(portId, queueId, new DescriptorRing(memory, descriptors), zone.segment().address(),
                zone.size());
    }

    private MemorySegment ringMemory(int descriptors) {
        if (Integer.bitCount(descriptors) != 1) {
            throw new IllegalArgumentException(DRIVER + ": ring size " + descriptors + " must be a power of two");
        }
        MemorySegment memory = zone.allocate(DescriptorRing.bytes(descriptors), 64);
        memory.fill((byte) 0);
        return memory;
    }

    private long offsetOf(MemorySegment memory) {
        return memory.address() - zone.segment().address();
    }

    @Override
    public void start() {
        for (int q = 0; q < rxQueues; q++) {
            device.programQueue(q, zone, rxRingOffsets[q], rxRingSizes[q], txRingOffsets[q], txRingSizes[q]);
        }
        device.start(rxQueues);
        started = true;
    }

    @Override
    public void stop() {
        if (started) {
            started = false;
            device.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public LinkStatus link() {
        return device.link();
    }

    @Override
    public MacAddress defaultMacAddress() {
        return new MacAddress(mac);
    }

    /** Asks the PF for a new address; a refusal (an untrusted VF whose MAC the PF set) is an error. */
    @Override
    public void macAddress(MacAddress address) {
        MailboxReply reply = device.request(new MailboxRequest.SetMac(address.bits()));
        if (!reply.acknowledged()) {
            throw new IllegalStateException(DRIVER + ": " + device.name() + ": the PF refused set MAC: "
                    + reply.refusal());
        }
    }

    /** Promiscuous on asks for PROMISC; an untrusted VF is clamped to multicast by the PF (not an error). */
    @Override
    public void promiscuous(boolean on) {
        device.request(new MailboxRequest.SetXcast(on ? XcastMode.PROMISC : XcastMode.MULTI));
    }

    @Override
    public void allMulticast(boolean on) {
        device.request(new MailboxRequest.SetXcast(on ? XcastMode.ALLMULTI : XcastMode.MULTI));
    }
}
