package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.ring.Ring;
import io.wirespeed.ring.SyncMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A port with the receive queues it was asked for, over a device that may have fewer: a software
 * steering stage on the receive path, as a NIC's classifier and RSS are in hardware. Port queue q
 * below the device's queue count drains device queue q and lets the {@link RxSteering} decide
 * where each packet goes; every port queue receives what is steered to it through a ring. While
 * the steering {@link RxSteering#isPassThrough() passes through}, queue q delivers device queue
 * q's packets unexamined, at the device's own speed.
 *
 * <p>Transmit queues beyond the device's share its queues ({@code q mod deviceQueues}) under a
 * lock; with no more transmit queues than the device has, the device's queues are the port's.
 *
 * <p>Drops are counted where they happen: a full ring in the draining queue's {@code imissed}, a
 * steering decision under its reason (extended statistics {@code rx_steer_<reason>_packets}).
 */
public final class SteeredPortBackend implements PortBackend {
    /** Most queues a steered port offers in each direction. */
    public static final int MAX_QUEUES = 128;
    /** The drop reason for a steerer that named a queue the port does not have. */
    public static final String INVALID_QUEUE = "invalid_queue";

    private final PortBackend device;
    private final RxSteering steering;
    private final PortInfo deviceInfo;
    private final PortInfo info;
    private final List<String> dropReasons;
    private int deviceRxQueues;
    private int deviceTxQueues;
    private SteeredRxQueue[] rxQueues = new SteeredRxQueue[0];
    private RxSteering.Steerer[] steerers = new RxSteering.Steerer[0];
    private TxQueue[] sharedDeviceTx = new TxQueue[0];
    private SharedTxQueue.Lock[] txLocks = new SharedTxQueue.Lock[0];

    public SteeredPortBackend(PortBackend device, RxSteering steering) {
        this.device = device;
        this.steering = steering;
        this.deviceInfo = device.info();
        this.info = new PortInfo(deviceInfo.driverName(), Math.max(MAX_QUEUES, deviceInfo.maxRxQueues()),
                Math.max(MAX_QUEUES, deviceInfo.maxTxQueues()), deviceInfo.minDescriptors(),
                deviceInfo.maxDescriptors(), deviceInfo.maxRxPacketLength(), deviceInfo.preferredDescriptors());
        List<String> reasons = new ArrayList<>(steering.dropReasons());
        reasons.add(INVALID_QUEUE);
        this.dropReasons = List.copyOf(reasons);
    }

    /** The device underneath. */
    public PortBackend device() {
        return device;
    }

    public RxSteering steering() {
        return steering;
    }

    /** How many receive queues the device itself has in this configuration. */
    public int deviceRxQueues() {
        return deviceRxQueues;
    }

    @Override
    public PortInfo info() {
        return info;
    }

    @Override
    public void configure(int rxQueueCount, int txQueueCount, PortConf conf) {
        releaseSharedTx();
        deviceRxQueues = Math.min(rxQueueCount, deviceInfo.maxRxQueues());
        deviceTxQueues = Math.min(txQueueCount, deviceInfo.maxTxQueues());
        device.configure(deviceRxQueues, deviceTxQueues, conf);
        steering.configure(rxQueueCount, deviceRxQueues);
        rxQueues = new SteeredRxQueue[rxQueueCount];
        steerers = new RxSteering.Steerer[deviceRxQueues];
        for (int d = 0; d < deviceRxQueues; d++) {
            steerers[d] = steering.newSteerer(d);
        }
        boolean shared = txQueueCount > deviceTxQueues;
        sharedDeviceTx = new TxQueue[shared ? deviceTxQueues : 0];
        txLocks = new SharedTxQueue.Lock[sharedDeviceTx.length];
        for (int d = 0; d < txLocks.length; d++) {
            txLocks[d] = new SharedTxQueue.Lock();
        }
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        RxQueue deviceQueue = null;
        RxSteering.Steerer steerer = null;
        if (queueId < deviceRxQueues) {
            deviceQueue = device.rxQueue(portId, queueId, descriptors, pool);
            steerer = steerers[queueId];
        }
        // Room for a full device burst from every drainer on top of the descriptors.
        int slots = Integer.highestOneBit(Math.max(descriptors, 2) - 1) << 1;
        slots = Math.max(slots, 2 * SteeredRxQueue.MAX_DEVICE_BURST);
        Ring<Mbuf> ring = Ring.create("steer_p" + portId + "q" + queueId, slots, SyncMode.MULTI, SyncMode.SINGLE,
                Mbuf.class);
        SteeredRxQueue q = new SteeredRxQueue(portId, queueId, ring, steering, rxQueues, deviceQueue, steerer,
                dropReasons.size());
        rxQueues[queueId] = q;
        return q;
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        if (sharedDeviceTx.length == 0) {
            return device.txQueue(portId, queueId, descriptors);
        }
        int d = queueId % deviceTxQueues;
        if (sharedDeviceTx[d] == null) {
            sharedDeviceTx[d] = device.txQueue(portId, d, descriptors);
        }
        return new SharedTxQueue(portId, queueId, sharedDeviceTx[d], txLocks[d]);
    }

    private void releaseSharedTx() {
        for (TxQueue t : sharedDeviceTx) {
            if (t != null) {
                t.release();
            }
        }
        sharedDeviceTx = new TxQueue[0];
    }

    @Override
    public void start() {
        device.start();
    }

    @Override
    public void stop() {
        device.stop();
    }

    @Override
    public void close() {
        releaseSharedTx();
        device.close();
    }

    @Override
    public LinkStatus link() {
        return device.link();
    }

    @Override
    public MacAddress defaultMacAddress() {
        return device.defaultMacAddress();
    }

    @Override
    public void macAddress(MacAddress address) {
        device.macAddress(address);
    }

    @Override
    public void promiscuous(boolean on) {
        device.promiscuous(on);
    }

    @Override
    public void allMulticast(boolean on) {
        device.allMulticast(on);
    }

    @Override
    public long deviceMissed() {
        return device.deviceMissed();
    }

    /** The device's statistics, then the steering drops per reason and the device's queue count. */
    @Override
    public List<XStat> extraXStats() {
        List<XStat> x = new ArrayList<>(device.extraXStats());
        for (int r = 0; r < dropReasons.size(); r++) {
            long total = 0;
            for (SteeredRxQueue q : rxQueues) {
                if (q != null) {
                    total += q.dropped(r);
                }
            }
            x.add(new XStat("rx_steer_" + dropReasons.get(r) + "_packets", total));
        }
        long ringFull = 0;
        for (SteeredRxQueue q : rxQueues) {
            if (q != null) {
                ringFull += q.ringFull();
            }
        }
        x.add(new XStat("rx_steer_ring_full_packets", ringFull));
        x.add(new XStat("rx_steer_device_queues", deviceRxQueues));
        return x;
    }
}
