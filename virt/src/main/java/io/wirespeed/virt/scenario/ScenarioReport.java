package io.wirespeed.virt.scenario;

import io.wirespeed.virt.nic.DropReason;
import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.FunctionStats;
import io.wirespeed.virt.nic.NicFunction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scenario run did: per guest what its app received and sent, per function what the NIC
 * delivered, sent and dropped (by reason) and which mailbox requests it refused, the uplink, the
 * drops totalled, the threads' CPU time, and the conservation account.
 *
 * @param durationNanos from the start of traffic until everything was drained (or the duration ran out)
 * @param drained true when the run ended because every frame was sent and accounted for
 * @param vfs the VFs at the end of the run
 * @param retiredVfs VFs a numvfs change removed during the run (named vfN as they were)
 */
public record ScenarioReport(long durationNanos, boolean drained, Ledger ledger, List<GuestResult> guests,
                             List<FunctionResult> vfs, List<FunctionResult> retiredVfs, FunctionResult pf, Counts uplink,
                             Map<DropReason, Long> drops, List<ThreadTime> threads) {
    /** One guest's app: frames it received from and handed to its port. */
    /** @param appDrops frames the guest's app received and did not forward, by reason */
    public record GuestResult(String name, String attach, String mode, String app, Counts counts, long sleeps,
                              long wakeups, List<String> refusals, Map<String, Long> appDrops) {
    }

    /** One function as the NIC saw it; {@code name} is the VF number, {@code pf}, or vfN for a removed VF. */
    public record FunctionResult(String name, Counts counts, long interrupts, Map<DropReason, Long> drops,
                                 Map<String, Long> refused) {
    }

    public record Counts(long rxPackets, long rxBytes, long txPackets, long txBytes) {
        static Counts of(FunctionStats s) {
            return new Counts(s.rxPackets(), s.rxBytes(), s.txPackets(), s.txBytes());
        }
    }

    public record ThreadTime(String thread, long cpuNanos) {
    }

    public ScenarioReport {
        guests = List.copyOf(guests);
        vfs = List.copyOf(vfs);
        retiredVfs = List.copyOf(retiredVfs);
        threads = List.copyOf(threads);
    }

    /** Reads the final counters of a stopped NIC and its guests. */
    static ScenarioReport of(Scenario scenario, EmulatedNic nic, List<Guest> guests, long elapsedNanos, boolean drained,
                             List<ThreadTime> threads) {
        List<GuestResult> gs = new ArrayList<>();
        for (Guest g : guests) {
            GuestSpec s = g.spec;
            gs.add(new GuestResult(s.name(), s.attachment(), word(s.mode()), word(s.app()),
                    new Counts(g.rxPackets(), g.rxBytes(), g.txPackets(), g.txBytes()), g.sleeps(), g.wakeups(),
                    g.refusals(), g.appDrops()));
        }
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            drops.put(r, nic.nicStats().drops(r));
        }
        List<FunctionResult> vfs = new ArrayList<>();
        int numVfs = nic.pf().numVfs();
        for (int vf = 0; vf < numVfs; vf++) {
            vfs.add(function(String.valueOf(vf), nic.vf(vf), drops));
        }
        List<FunctionResult> retired = new ArrayList<>();
        for (NicFunction f : nic.retiredVfs()) {
            retired.add(function(f.name(), f, drops));
        }
        FunctionResult pf = function("pf", nic.pfFunction(), drops);
        return new ScenarioReport(elapsedNanos, drained, Ledger.read(nic, guests), gs, vfs, retired, pf,
                Counts.of(nic.uplinkStats()), drops, threads);
    }

    private static FunctionResult function(String name, NicFunction f, Map<DropReason, Long> totals) {
        FunctionStats s = f.stats();
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            drops.put(r, s.drops(r));
            totals.merge(r, s.drops(r), Long::sum);
        }
        return new FunctionResult(name, Counts.of(s), s.interrupts(), drops, f.refused());
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Every offered frame was delivered, sent to the wire or counted as dropped. */
    public boolean conserved() {
        return ledger.inFlight() == 0;
    }

    public long totalDrops() {
        long sum = 0;
        for (long n : drops.values()) {
            sum += n;
        }
        return sum;
    }

    /** The report as the {@code --json} object: maps, lists, numbers and strings in a fixed order. */
    public Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("duration_s", durationNanos / 1e9);
        o.put("ended", drained ? "drained" : "duration");
        o.put("offered", ledger.offered());
        o.put("replicas", ledger.replicas());
        o.put("delivered", ledger.delivered());
        o.put("to_wire", ledger.toWire());
        o.put("dropped", ledger.dropped());
        o.put("in_flight", ledger.inFlight());
        o.put("conserved", conserved());
        Map<String, Object> gs = new LinkedHashMap<>();
        for (GuestResult g : guests) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("attach", g.attach());
            m.put("mode", g.mode());
            m.put("app", g.app());
            m.put("rx_packets", g.counts().rxPackets());
            m.put("rx_bytes", g.counts().rxBytes());
            m.put("tx_packets", g.counts().txPackets());
            m.put("tx_bytes", g.counts().txBytes());
            m.put("sleeps", g.sleeps());
            m.put("wakeups", g.wakeups());
            m.put("app_drops", g.appDrops());
            m.put("refused", g.refusals());
            gs.put(g.name(), m);
        }
        o.put("guests", gs);
        Map<String, Object> fs = new LinkedHashMap<>();
        for (FunctionResult f : vfs) {
            fs.put(f.name(), functionJson(f));
        }
        o.put("vfs", fs);
        if (!retiredVfs.isEmpty()) {
            List<Object> rs = new ArrayList<>();
            for (FunctionResult f : retiredVfs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("vf", f.name());
                m.putAll(functionJson(f));
                rs.add(m);
            }
            o.put("retired_vfs", rs);
        }
        o.put("pf", functionJson(pf));
        Map<String, Object> up = new LinkedHashMap<>();
        up.put("rx_packets", uplink.rxPackets());
        up.put("rx_bytes", uplink.rxBytes());
        up.put("tx_packets", uplink.txPackets());
        up.put("tx_bytes", uplink.txBytes());
        o.put("uplink", up);
        o.put("drops", reasons(drops));
        Map<String, Object> cpu = new LinkedHashMap<>();
        for (ThreadTime t : threads) {
            cpu.put(t.thread(), t.cpuNanos() / 1e9);
        }
        o.put("cpu_s", cpu);
        return o;
    }

    private static Map<String, Object> functionJson(FunctionResult f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rx_packets", f.counts().rxPackets());
        m.put("rx_bytes", f.counts().rxBytes());
        m.put("tx_packets", f.counts().txPackets());
        m.put("tx_bytes", f.counts().txBytes());
        m.put("interrupts", f.interrupts());
        m.put("drops", reasons(f.drops()));
        m.put("refused", new LinkedHashMap<>(f.refused()));
        return m;
    }

    private static Map<String, Object> reasons(Map<DropReason, Long> drops) {
        Map<String, Object> m = new LinkedHashMap<>();
        drops.forEach((r, n) -> m.put(r.key(), n));
        return m;
    }

    /** The report for a terminal: guests, functions with traffic, drops, and the account. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "scenario ran %.3f s, ended by %s", durationNanos / 1e9,
                drained ? "everything sent and drained" : "its duration"));
        for (GuestResult g : guests) {
            out.add(String.format(Locale.ROOT, "  guest %-10s %-4s %-9s %-6s rx %d (%d B)  tx %d (%d B)%s", g.name(),
                    g.attach(), g.mode(), g.app(), g.counts().rxPackets(), g.counts().rxBytes(), g.counts().txPackets(),
                    g.counts().txBytes(), !g.mode().equals("poll") ? "  wake-ups " + g.wakeups() : ""));
            for (String r : g.refusals()) {
                out.add("    refused " + r);
            }
            g.appDrops().forEach((reason, n) -> out.add("    app dropped " + n + " " + reason));
        }
        for (FunctionResult f : vfs) {
            functionLine(out, "vf" + f.name(), f);
        }
        functionLine(out, "pf", pf);
        for (FunctionResult f : retiredVfs) {
            functionLine(out, f.name() + " (removed)", f);
        }
        out.add(String.format(Locale.ROOT, "  uplink rx %d  tx %d (%d B)", uplink.rxPackets(), uplink.txPackets(),
                uplink.txBytes()));
        Map<DropReason, Long> total = nonZero(drops);
        out.add("  drops " + (total.isEmpty() ? "none" : words(total)));
        out.add(String.format(Locale.ROOT,
                "conservation: offered %d + replicas %d = delivered %d + to wire %d + dropped %d%s: %s",
                ledger.offered(), ledger.replicas(), ledger.delivered(), ledger.toWire(), ledger.dropped(),
                ledger.inFlight() == 0 ? "" : " + unaccounted " + ledger.inFlight(), conserved() ? "ok" : "MISMATCH"));
        return out;
    }

    /** One line for a function that saw traffic, drops or refusals; nothing for an idle one. */
    private static void functionLine(List<String> out, String label, FunctionResult f) {
        Map<DropReason, Long> drops = nonZero(f.drops());
        if (f.counts().rxPackets() + f.counts().txPackets() == 0 && drops.isEmpty() && f.refused().isEmpty()) {
            return;
        }
        out.add(String.format(Locale.ROOT, "  %-5s rx %d  tx %d (%d B)  interrupts %d%s%s", label,
                f.counts().rxPackets(), f.counts().txPackets(), f.counts().txBytes(), f.interrupts(),
                drops.isEmpty() ? "" : "  drops " + words(drops), f.refused().isEmpty() ? "" : "  refused " + f.refused()));
    }

    private static Map<DropReason, Long> nonZero(Map<DropReason, Long> drops) {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        drops.forEach((r, n) -> {
            if (n != 0) {
                out.put(r, n);
            }
        });
        return out;
    }

    private static String words(Map<DropReason, Long> drops) {
        StringBuilder sb = new StringBuilder();
        drops.forEach((r, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(r.key()).append(' ').append(n));
        return sb.toString();
    }
}
