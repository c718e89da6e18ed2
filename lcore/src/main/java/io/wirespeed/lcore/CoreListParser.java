package io.wirespeed.lcore;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads DPDK's {@code -l} and {@code --lcores} texts. A small recursive-descent parser over this
 * grammar (spaces between tokens are allowed):
 *
 * <pre>
 *   -l:        list  := range (',' range)*
 *   --lcores:  list  := item (',' item)*
 *              item  := set ('@' set)?
 *              set   := range | '(' range (',' range)* ')'
 *              range := number ('-' number)?
 * </pre>
 *
 * Every failure is an {@link IllegalArgumentException} whose message is one line that starts
 * with the option and the text as typed, so the command line can print it as is.
 */
final class CoreListParser {
    enum Syntax {
        CORES("-l", "a core list", "0-3,5"),
        LCORES("--lcores", "an lcore list", "0-3,5 or 1@2 or (0-2)@(0,1)");

        final String option;
        final String noun;
        final String example;

        Syntax(String option, String noun, String example) {
            this.option = option;
            this.noun = noun;
            this.example = example;
        }
    }

    /** What a number names: its upper bound and the message when it is past it differ. */
    private enum Role { LCORE, CPU }

    /** The ids a set names, in the order written, and whether it was written as a (group). */
    private record IdSet(List<Integer> ids, boolean group) {
        BitSet toBitSet() {
            BitSet set = new BitSet();
            ids.forEach(set::set);
            return set;
        }
    }

    private final Syntax syntax;
    private final String text;
    private final BitSet available;
    private int pos;

    CoreListParser(Syntax syntax, String text, BitSet availableCpus) {
        this.syntax = syntax;
        this.text = text == null ? "" : text.strip();
        this.available = (BitSet) availableCpus.clone();
    }

    List<LcoreAssignment> parse() {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(syntax.option + ": no "
                    + (syntax == Syntax.CORES ? "cores" : "lcores") + " given (expected e.g. " + syntax.example + ")");
        }
        Map<Integer, BitSet> lcores = new LinkedHashMap<>();
        do {
            if (syntax == Syntax.CORES) {
                for (int id : range(Role.CPU)) {
                    add(lcores, id, single(id));
                }
            } else {
                item(lcores);
            }
        } while (accept(','));
        skipSpaces();
        if (pos != text.length()) {
            throw malformed();
        }
        checkAvailable(lcores);
        List<LcoreAssignment> list = new ArrayList<>(lcores.size());
        lcores.forEach((id, cpus) -> list.add(new LcoreAssignment(id, cpus)));
        return list;
    }

    private void item(Map<Integer, BitSet> lcores) {
        IdSet ids = set(Role.LCORE);
        if (accept('@')) {
            BitSet cpus = set(Role.CPU).toBitSet();
            ids.ids().forEach(id -> add(lcores, id, cpus));
        } else if (ids.group()) {
            BitSet cpus = ids.toBitSet();
            ids.ids().forEach(id -> add(lcores, id, cpus));
        } else {
            ids.ids().forEach(id -> add(lcores, id, single(id)));
        }
    }

    private IdSet set(Role role) {
        if (!accept('(')) {
            return new IdSet(range(role), false);
        }
        List<Integer> ids = new ArrayList<>();
        do {
            ids.addAll(range(role));
        } while (accept(','));
        expect(')');
        return new IdSet(ids, true);
    }

    private List<Integer> range(Role role) {
        int first = number(role);
        int last = first;
        if (accept('-')) {
            last = number(role);
            if (last < first) {
                throw fail("range " + first + "-" + last + " is reversed (write " + last + "-" + first + ")");
            }
        }
        List<Integer> ids = new ArrayList<>(last - first + 1);
        for (int id = first; id <= last; id++) {
            ids.add(id);
        }
        return ids;
    }

    private int number(Role role) {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw malformed();
        }
        String digits = text.substring(start, pos);
        // Anything past ten digits is past every bound below; only its message matters.
        long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value > CoreList.MAX_LCORE_ID) {
            throw fail(role == Role.CPU
                    ? "CPU " + digits + " does not exist here (available: " + CpuRanges.format(available) + ")"
                    : "lcore id " + digits + " is too large (at most " + CoreList.MAX_LCORE_ID + ")");
        }
        return (int) value;
    }

    private void add(Map<Integer, BitSet> lcores, int id, BitSet cpus) {
        if (lcores.putIfAbsent(id, cpus) != null) {
            throw fail((syntax == Syntax.CORES ? "core " : "lcore ") + id + " is listed twice");
        }
    }

    private void checkAvailable(Map<Integer, BitSet> lcores) {
        BitSet missing = new BitSet();
        lcores.values().forEach(missing::or);
        missing.andNot(available);
        if (!missing.isEmpty()) {
            throw fail(CpuRanges.describe(missing) + (missing.cardinality() == 1 ? " does" : " do")
                    + " not exist here (available: " + CpuRanges.format(available) + ")");
        }
    }

    private static BitSet single(int cpu) {
        BitSet set = new BitSet();
        set.set(cpu);
        return set;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw malformed();
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException malformed() {
        String hint = syntax == Syntax.CORES && (text.indexOf('@') >= 0 || text.indexOf('(') >= 0)
                ? "; to run lcores on other CPUs use --lcores"
                : "";
        return fail("not " + syntax.noun + " (expected e.g. " + syntax.example + hint + ")");
    }

    private IllegalArgumentException fail(String what) {
        boolean needsQuotes = text.chars().anyMatch(Character::isWhitespace);
        return new IllegalArgumentException(
                syntax.option + " " + (needsQuotes ? "'" + text + "'" : text) + ": " + what);
    }
}
