package io.wirespeed.app.testpmd;

import io.wirespeed.classify.rss.RssFunction;
import io.wirespeed.classify.rss.RssHashTypes;
import io.wirespeed.classify.rss.ToeplitzHash;
import io.wirespeed.classify.steer.FlowSteering;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * testpmd's RSS commands on the ports' software receive stage: {@code port config all rss TYPES},
 * {@code port config P rss-hash-key TYPE HEX}, {@code port config P rss reta (i,q)[,(i,q)...]},
 * {@code show port P rss reta [SIZE [(MASK,...)]]} and {@code show port P rss-hash [key]}.
 */
final class RssShellCommands {
    private static final Pattern RETA_PAIR = Pattern.compile("\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Pattern RETA_PAIRS = Pattern.compile("(" + RETA_PAIR.pattern() + "\\s*,?\\s*)+");

    private final Testpmd testpmd;
    private final PrintStream out;

    RssShellCommands(Testpmd testpmd, PrintStream out) {
        this.testpmd = testpmd;
        this.out = out;
    }

    /** {@code port config all rss ip tcp udp}: the hash types of every port, keeping its key. */
    void configureTypes(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("usage: port config all rss all|default|none|ip|tcp|udp|ipv4|ipv4-tcp|...");
        }
        RssHashTypes types = words.size() == 1 && (words.get(0).equals("all") || words.get(0).equals("default"))
                ? RssHashTypes.DEFAULT
                : RssHashTypes.parse(words);
        for (int p = 0; p < testpmd.ports().size(); p++) {
            FlowSteering s = testpmd.steering(p);
            s.rss(new RssFunction(s.rss().hash(), types));
        }
    }

    /** {@code port config P rss-hash-key TYPE HEX}: one key for every hash type, as the software stage has. */
    void configureKey(int port, String hex) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RSS key '" + hex + "' is not hexadecimal");
        }
        if (key.length != ToeplitzHash.KEY_LENGTH && key.length != ToeplitzHash.LONG_KEY_LENGTH) {
            throw new IllegalArgumentException("RSS key has " + key.length + " bytes; expected "
                    + ToeplitzHash.KEY_LENGTH + " or " + ToeplitzHash.LONG_KEY_LENGTH);
        }
        FlowSteering s = testpmd.steering(port);
        s.rss(new RssFunction(new ToeplitzHash(key), s.rss().types()));
    }

    /** {@code port config P rss reta (0,1),(1,0)}: all or nothing (see FlowSteering#retaUpdate(int[], int[])). */
    void configureReta(int port, String pairs) {
        FlowSteering s = testpmd.steering(port);
        if (!RETA_PAIRS.matcher(pairs).matches()) {
            throw new IllegalArgumentException("RETA entries '" + pairs + "': expected (index,queue)[,(index,queue)...]");
        }
        List<Integer> indexes = new ArrayList<>();
        List<Integer> queues = new ArrayList<>();
        Matcher m = RETA_PAIR.matcher(pairs);
        while (m.find()) {
            indexes.add(TestpmdShell.positiveOrZero(m.group(1), "RETA index"));
            queues.add(TestpmdShell.positiveOrZero(m.group(2), "RETA queue"));
        }
        s.retaUpdate(indexes.stream().mapToInt(Integer::intValue).toArray(), queues.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * {@code show port P rss reta [SIZE [(MASK,...)]]}: the entries the 64-bit masks select (all
     * when none are given); SIZE, when given, must be the table's.
     */
    void showReta(int port, List<String> args) {
        FlowSteering s = testpmd.steering(port);
        int size = s.retaSize();
        if (!args.isEmpty() && TestpmdShell.positiveOrZero(args.get(0), "RETA size") != size) {
            throw new IllegalArgumentException("RETA size " + args.get(0) + " is not the port's (" + size + ")");
        }
        long[] masks = new long[(size + 63) / 64];
        Arrays.fill(masks, -1L);
        if (args.size() > 1) {
            masks = masks(String.join("", args.subList(1, args.size())), masks.length);
        }
        for (int i = 0; i < size; i++) {
            if ((masks[i / 64] >>> (i % 64) & 1) != 0) {
                out.printf("RSS RETA configuration: hash index=%d, queue=%d%n", i, s.retaEntry(i));
            }
        }
    }

    /** {@code show port P rss-hash [key]}: the hash types, and the key when asked. */
    void showHash(int port, boolean withKey) {
        RssFunction rss = testpmd.steering(port).rss();
        out.println("RSS functions:");
        out.println("  " + rss.types().toString().replace(',', ' '));
        if (withKey) {
            out.println("RSS key:");
            out.println(HexFormat.of().withUpperCase().formatHex(rss.hash().key()));
        }
    }

    private static long[] masks(String text, int count) {
        String inner = text.strip();
        if (!inner.startsWith("(") || !inner.endsWith(")")) {
            throw new IllegalArgumentException("RETA masks '" + text + "': expected (MASK,...)");
        }
        String[] words = inner.substring(1, inner.length() - 1).split(",");
        if (words.length > count) {
            throw new IllegalArgumentException("RETA masks: " + words.length + " given, the table has " + count);
        }
        long[] masks = new long[count];
        for (int i = 0; i < words.length; i++) {
            String w = words[i].strip();
            try {
                masks[i] = Long.parseUnsignedLong(w.startsWith("0x") ? w.substring(2) : w, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("RETA mask '" + w + "' is not a 64-bit hexadecimal number");
            }
        }
        return masks;
    }
}
