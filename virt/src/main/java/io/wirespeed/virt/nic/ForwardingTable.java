package io.wirespeed.virt.nic;

import io.wirespeed.virt.vf.XcastMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The NIC's sorting tables (VMDq's MAC and VLAN filters, the multicast table, the replication
 * lists) built from every function's settings at one instant. Immutable: a change of settings
 * builds a new table, which the service thread picks up at its next burst, so it reads the tables
 * without locks. Functions are numbered by their position in {@link #functions}.
 */
final class ForwardingTable {
    static final int NONE = -1;
    private static final int[] EMPTY = new int[0];

    final NicFunction[] functions;
    /** Whether a function is receiving (started, link up): frames for one that is not count as link_down. */
    final boolean[] active;
    /** A port VLAN's tag is stripped on receive. */
    final boolean[] stripsOuter;
    /** The port VLAN tag a function's frames get on transmit (TPID << 16 | TCI), 0 for none. */
    final int[] portTag;
    final boolean[] spoofCheck;
    final long[] mac;
    /** Per function: the VLAN IDs it may send tagged without a port VLAN (its receive filter). */
    private final GuestFilters[] filters;
    final RatePacer[] pacers;
    /** The rings of each active function, null for the others. */
    final RxDma[][] rx;
    final TxDma[][] tx;
    /** Functions whose transmit rings the service thread polls. */
    final int[] transmitters;
    /** Transmitters with a min_tx_rate, served first up to it in every pass. */
    final int[] guaranteed;
    /** Per function, its min_tx_rate as a pacer (null without one): credit for frames sent ahead of the rest. */
    final RatePacer[] guarantees;
    final int defaultFunction;
    final SwitchMode mode;
    private final LongIntTable unicast;
    private final LongIntTable macOwner;
    private final LongIntTable multicastGroups;
    private final int[][] groupMembers;
    private final int[][] broadcast = new int[VlanKeys.COUNT][];
    private final int[][] allMulticast = new int[VlanKeys.COUNT][];
    private final int[][] promiscuous = new int[VlanKeys.COUNT][];

    ForwardingTable(List<NicFunction> all, NicFunction defaultPool, SwitchMode mode) {
        int n = all.size();
        this.functions = all.toArray(NicFunction[]::new);
        this.mode = mode;
        this.active = new boolean[n];
        this.stripsOuter = new boolean[n];
        this.portTag = new int[n];
        this.spoofCheck = new boolean[n];
        this.mac = new long[n];
        this.filters = new GuestFilters[n];
        this.pacers = new RatePacer[n];
        this.guarantees = new RatePacer[n];
        List<Integer> min = new ArrayList<>();
        this.rx = new RxDma[n][];
        this.tx = new TxDma[n][];
        List<Integer> tx = new ArrayList<>();
        int keys = 0;
        for (int i = 0; i < n; i++) {
            NicFunction f = functions[i];
            VfSettings s = f.settings();
            active[i] = f.active();
            mac[i] = f.effectiveMac();
            filters[i] = f.filters();
            spoofCheck[i] = s.spoofCheck() && !f.isPhysical();
            if (s.vlan() != 0) {
                stripsOuter[i] = true;
                portTag[i] = s.proto().tpid() << 16 | s.qos() << 13 | s.vlan();
            }
            if (s.maxTxRateMbps() > 0) {
                pacers[i] = new RatePacer(s.maxTxRateMbps() * 1_000_000L, 1_000_000);
            }
            if (s.minTxRateMbps() > 0 && f.active()) {
                guarantees[i] = new RatePacer(s.minTxRateMbps() * 1_000_000L, 1_000_000);
                min.add(i);
            }
            if (active[i]) {
                tx.add(i);
                rx[i] = f.rx();
                this.tx[i] = f.tx();
            }
            keys += 1 + filters[i].vlanCount() + filters[i].multicast().length * (1 + filters[i].vlanCount());
        }
        this.transmitters = tx.stream().mapToInt(Integer::intValue).toArray();
        this.guaranteed = min.stream().mapToInt(Integer::intValue).toArray();
        this.defaultFunction = defaultPool == null ? NONE : all.indexOf(defaultPool);
        this.unicast = new LongIntTable(keys);
        this.macOwner = new LongIntTable(n);
        this.multicastGroups = new LongIntTable(keys);
        List<List<Integer>> groups = new ArrayList<>();
        List<List<Integer>> bcast = lists();
        List<List<Integer>> allMc = lists();
        List<List<Integer>> promisc = lists();
        for (int i = 0; i < n; i++) {
            if (functions[i].removed()) {
                continue;
            }
            int[] vlans = acceptedVlanKeys(i);
            XcastMode xcast = filters[i].xcast();
            for (int vk : vlans) {
                if (mac[i] != 0) {
                    unicast.putIfAbsent(VlanKeys.macKey(mac[i], vk), i);
                }
                bcast.get(vk).add(i);
                if (xcast == XcastMode.ALLMULTI || xcast == XcastMode.PROMISC) {
                    allMc.get(vk).add(i);
                }
                if (xcast == XcastMode.PROMISC) {
                    promisc.get(vk).add(i);
                }
                if (xcast != XcastMode.NONE) {
                    for (long group : filters[i].multicast()) {
                        int g = multicastGroups.putIfAbsent(VlanKeys.macKey(group, vk), groups.size());
                        if (g == groups.size()) {
                            groups.add(new ArrayList<>());
                        }
                        if (!allMc.get(vk).contains(i)) {
                            groups.get(g).add(i);
                        }
                    }
                }
            }
            if (mac[i] != 0) {
                macOwner.putIfAbsent(mac[i], i);
            }
        }
        this.groupMembers = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            groupMembers[g] = toArray(groups.get(g));
        }
        for (int vk = 0; vk < VlanKeys.COUNT; vk++) {
            broadcast[vk] = toArray(bcast.get(vk));
            allMulticast[vk] = toArray(allMc.get(vk));
            promiscuous[vk] = toArray(promisc.get(vk));
        }
    }

    private static List<List<Integer>> lists() {
        List<List<Integer>> l = new ArrayList<>(VlanKeys.COUNT);
        for (int i = 0; i < VlanKeys.COUNT; i++) {
            l.add(new ArrayList<>(0));
        }
        return l;
    }

    private static int[] toArray(List<Integer> l) {
        return l.isEmpty() ? EMPTY : l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether {@code ring} is one of this table's rings (the engine keeps only their interrupts pending). */
    boolean hasRing(RxDma ring) {
        for (int i = 0; i < functions.length; i++) {
            if (functions[i] == ring.function && rx[i] != null) {
                for (RxDma r : rx[i]) {
                    if (r == ring) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The VLANs function {@code i} receives: its port VLAN only, or untagged plus its filter's VLANs. */
    private int[] acceptedVlanKeys(int i) {
        VfSettings s = functions[i].settings();
        if (s.vlan() != 0) {
            return new int[] {VlanKeys.key(s.proto().tpid(), s.vlan())};
        }
        int[] keys = new int[1 + filters[i].vlanCount()];
        int k = 1; // keys[0] = 0: untagged
        for (int vid = filters[i].vlans().nextSetBit(1); vid >= 0 && vid < 4096; vid = filters[i].vlans().nextSetBit(vid + 1)) {
            keys[k++] = VlanKeys.key(VlanProto.DOT1Q.tpid(), vid);
        }
        return java.util.Arrays.copyOf(keys, k);
    }

    /** The function whose MAC and VLAN the unicast frame matches, or {@link #NONE}. */
    int unicast(long destination, int vlanKey) {
        return unicast.get(VlanKeys.macKey(destination, vlanKey));
    }

    /** The function that owns a MAC in some VLAN, or {@link #NONE}: a miss on it is a VLAN filter drop. */
    int owner(long destination) {
        return macOwner.get(destination);
    }

    int[] broadcast(int vlanKey) {
        return broadcast[vlanKey];
    }

    int[] allMulticast(int vlanKey) {
        return allMulticast[vlanKey];
    }

    /** Functions subscribed to {@code group} in the VLAN (besides the all-multicast ones). */
    int[] multicast(long group, int vlanKey) {
        int g = multicastGroups.get(VlanKeys.macKey(group, vlanKey));
        return g == LongIntTable.MISSING ? EMPTY : groupMembers[g];
    }

    int[] promiscuous(int vlanKey) {
        return promiscuous[vlanKey];
    }

    /** Whether function {@code i} (without a port VLAN) may send frames tagged with {@code vid}. */
    boolean mayTag(int i, int vid) {
        return vid == 0 || filters[i].acceptsVlan(vid);
    }
}
