package io.wirespeed.classify.steer;

import io.wirespeed.classify.flow.FlowAction;
import io.wirespeed.classify.flow.FlowField;
import io.wirespeed.classify.flow.FlowItemType;
import io.wirespeed.classify.flow.FlowKey;
import io.wirespeed.classify.flow.FlowKeyExtractor;
import io.wirespeed.classify.flow.FlowMatcher;
import io.wirespeed.classify.rss.RedirectionTable;
import io.wirespeed.classify.rss.RssFunction;
import io.wirespeed.classify.rss.RssHashTypes;
import io.wirespeed.classify.rss.RssInput;
import io.wirespeed.classify.rss.ToeplitzHash;
import io.wirespeed.ethdev.RxSteering;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.OffloadFlags;

/**
 * {@link FlowSteering} for one device queue's drainer: keys the frame once, runs the rules over the
 * key, and hashes the key's addresses and ports for RSS. Writes what a NIC reports: the RSS hash
 * (with {@code RX_RSS_HASH}) when the packet was hashed, the mark (with {@code RX_FDIR} and
 * {@code RX_FDIR_ID}) when a rule marked it, and the packet type and header lengths. One lcore;
 * allocates nothing.
 */
final class FlowSteerer implements RxSteering.Steerer {
    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();
    private final FlowMatcher matcher;
    private final FlowSteering steering;
    private final RedirectionTable reta;

    FlowSteerer(FlowMatcher matcher, FlowSteering steering, RedirectionTable reta) {
        this.matcher = matcher;
        this.steering = steering;
        this.reta = reta;
    }

    @Override
    public int queueFor(Mbuf m) {
        extractor.extract(m, key);
        RssFunction rss = steering.rss();
        if (matcher.match(key, m.packetLength())) {
            if (matcher.hasMark()) {
                m.flowMark(matcher.mark());
                m.offloadFlags(m.offloadFlags() | OffloadFlags.RX_FDIR | OffloadFlags.RX_FDIR_ID);
            }
            switch (matcher.fate()) {
                case QUEUE -> {
                    return matcher.queue();
                }
                case DROP -> {
                    return FlowSteering.DROP_BY_RULE;
                }
                case PORT -> {
                    return FlowSteering.DROP_FOR_PORT;
                }
                case RSS -> {
                    RssHashTypes types = matcher.rssTypes();
                    int hash = hash(m, rss.hash(), types != null ? types : rss.types());
                    FlowAction.Rss action = matcher.rss();
                    return action.queueCount() > 0 ? action.queueFor(hash) : reta.queueFor(hash);
                }
                case PASS -> {
                    // No rule decided: the port's RSS, below.
                }
            }
        }
        return reta.queueFor(hash(m, rss.hash(), rss.types()));
    }

    /** The RSS hash of the keyed packet, stored in the mbuf when the types cover it; 0 when not. */
    private int hash(Mbuf m, ToeplitzHash toeplitz, RssHashTypes types) {
        FlowKey k = key;
        int l4 = k.has(FlowItemType.TCP) ? RssHashTypes.PROTO_TCP : k.has(FlowItemType.UDP) ? RssHashTypes.PROTO_UDP : -1;
        int srcPort = 0;
        int dstPort = 0;
        if (l4 == RssHashTypes.PROTO_TCP) {
            srcPort = (int) k.get(FlowField.TCP_SRC);
            dstPort = (int) k.get(FlowField.TCP_DST);
        } else if (l4 == RssHashTypes.PROTO_UDP) {
            srcPort = (int) k.get(FlowField.UDP_SRC);
            dstPort = (int) k.get(FlowField.UDP_DST);
        }
        int hash;
        if (k.has(FlowItemType.IPV4)) {
            int src = (int) k.get(FlowField.IPV4_SRC);
            int dst = (int) k.get(FlowField.IPV4_DST);
            RssInput in = types.ipv4Input(l4);
            if (in == RssInput.NONE) {
                return 0;
            }
            hash = in == RssInput.ADDRESSES ? toeplitz.ipv4(src, dst) : toeplitz.ipv4(src, dst, srcPort, dstPort);
        } else if (k.has(FlowItemType.IPV6)) {
            long srcHi = k.get(FlowField.IPV6_SRC_HIGH);
            long srcLo = k.get(FlowField.IPV6_SRC_LOW);
            long dstHi = k.get(FlowField.IPV6_DST_HIGH);
            long dstLo = k.get(FlowField.IPV6_DST_LOW);
            RssInput in = types.ipv6Input(l4);
            if (in == RssInput.NONE) {
                return 0;
            }
            hash = in == RssInput.ADDRESSES ? toeplitz.ipv6(srcHi, srcLo, dstHi, dstLo)
                    : toeplitz.ipv6(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort);
        } else {
            return 0;
        }
        m.rssHash(hash);
        m.offloadFlags(m.offloadFlags() | OffloadFlags.RX_RSS_HASH);
        return hash;
    }
}
