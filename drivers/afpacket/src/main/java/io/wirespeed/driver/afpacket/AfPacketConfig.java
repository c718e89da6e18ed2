package io.wirespeed.driver.afpacket;

import io.wirespeed.ethdev.Devargs;
import java.util.Set;

/**
 * A net_af_packet port's devargs, checked: every bad value is one line naming the key.
 *
 * @param device         the device name, e.g. {@code net_af_packet0}
 * @param iface          the interface to bind to
 * @param qpairs         queue pairs (one socket each); more than one forms a PACKET_FANOUT group
 * @param geometry       ring shape per socket
 * @param qdiscBypass    transmit straight to the driver, skipping the qdisc (and taps such as tcpdump)
 * @param fanoutMode     how the kernel spreads frames over the queue pairs
 * @param blockTimeoutMs how long the kernel keeps a receive block open before handing it over
 *                       with whatever it holds (0: the kernel picks, about 8 ms)
 */
record AfPacketConfig(String device, String iface, int qpairs, RingGeometry geometry, boolean qdiscBypass,
                      FanoutMode fanoutMode, int blockTimeoutMs) {
    static final Set<String> KEYS = Set.of("iface", "qpairs", "blocksz", "framesz", "framecnt", "qdisc_bypass",
            "fanout_mode", "blocktmo");
    static final int MAX_QPAIRS = 16;
    static final int DEFAULT_BLOCK_SIZE = 1 << 16;
    static final int DEFAULT_FRAME_SIZE = 2048;
    static final int DEFAULT_FRAME_COUNT = 2048;
    static final int DEFAULT_BLOCK_TIMEOUT_MS = 1;

    static AfPacketConfig parse(Devargs args, int pageSize) {
        String device = args.name();
        String iface = args.requiredString("iface");
        int qpairs = args.intValue("qpairs", 1, 1, MAX_QPAIRS);
        int blockSize = args.intValue("blocksz", DEFAULT_BLOCK_SIZE, 1, 1 << 27);
        int frameSize = args.intValue("framesz", DEFAULT_FRAME_SIZE, 1, 1 << 20);
        int frameCount = args.intValue("framecnt", DEFAULT_FRAME_COUNT, 1, 1 << 24);
        boolean bypass = args.flag("qdisc_bypass", false);
        FanoutMode fanout = FanoutMode.parse(device, args.string("fanout_mode", "hash"));
        int timeout = args.intValue("blocktmo", DEFAULT_BLOCK_TIMEOUT_MS, 0, 1000);
        RingGeometry geometry = RingGeometry.of(device, blockSize, frameSize, frameCount, pageSize);
        return new AfPacketConfig(device, iface, qpairs, geometry, bypass, fanout, timeout);
    }
}
