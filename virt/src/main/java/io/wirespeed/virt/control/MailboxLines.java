package io.wirespeed.virt.control;

import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.XcastMode;
import java.util.HexFormat;
import java.util.Locale;

/** Mailbox requests and replies as the words a guest session carries them in. */
final class MailboxLines {
    private static final HexFormat HEX = HexFormat.of();

    private MailboxLines() {
    }

    static String encode(MailboxRequest r) {
        return switch (r) {
            case MailboxRequest.Reset x -> "reset";
            case MailboxRequest.SetMac m -> "set_mac " + MacAddress.format(m.mac());
            case MailboxRequest.SetMulticast m -> {
                StringBuilder sb = new StringBuilder("set_multicast");
                for (long g : m.groups()) {
                    sb.append(' ').append(MacAddress.format(g));
                }
                yield sb.toString();
            }
            case MailboxRequest.SetVlan v -> "set_vlan " + v.vlan() + (v.on() ? " on" : " off");
            case MailboxRequest.SetXcast x -> "set_xcast " + x.mode().word();
            case MailboxRequest.GetQueues x -> "get_queues";
            case MailboxRequest.GetRssKey x -> "get_rss_key";
            case MailboxRequest.GetReta x -> "get_reta";
        };
    }

    /** {@code words[from..]} back into a request. */
    static MailboxRequest decode(String[] words, int from) {
        if (from >= words.length) {
            throw new IllegalArgumentException("mailbox: which request?");
        }
        return switch (words[from]) {
            case "reset" -> new MailboxRequest.Reset();
            case "set_mac" -> new MailboxRequest.SetMac(MacAddress.parse(word(words, from + 1)));
            case "set_multicast" -> {
                long[] groups = new long[words.length - from - 1];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = MacAddress.parse(words[from + 1 + i]);
                }
                yield new MailboxRequest.SetMulticast(groups);
            }
            case "set_vlan" -> new MailboxRequest.SetVlan(Integer.parseInt(word(words, from + 1)),
                    word(words, from + 2).equals("on"));
            case "set_xcast" -> new MailboxRequest.SetXcast(xcast(word(words, from + 1)));
            case "get_queues" -> new MailboxRequest.GetQueues();
            case "get_rss_key" -> new MailboxRequest.GetRssKey();
            case "get_reta" -> new MailboxRequest.GetReta();
            default -> throw new IllegalArgumentException("mailbox: unknown request " + words[from]);
        };
    }

    private static XcastMode xcast(String word) {
        for (XcastMode m : XcastMode.values()) {
            if (m.word().equals(word)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mailbox: unknown xcast mode " + word);
    }

    private static String word(String[] words, int at) {
        if (at >= words.length) {
            throw new IllegalArgumentException("mailbox: a request is missing its value");
        }
        return words[at];
    }

    /** {@code ok VALUE [HEX]} or {@code refused WHY}. */
    static String encode(MailboxReply reply) {
        if (!reply.acknowledged()) {
            return "refused " + reply.refusal();
        }
        byte[] data = reply.data();
        return "ok " + reply.value() + (data.length == 0 ? "" : " " + HEX.formatHex(data));
    }

    static MailboxReply decodeReply(String line) {
        if (line.startsWith("refused ")) {
            return MailboxReply.refused(line.substring("refused ".length()));
        }
        String[] words = line.split(" ");
        if (words.length < 2 || !words[0].equals("ok")) {
            throw new IllegalStateException("the NIC answered a mailbox request with: " + line);
        }
        long value = Long.parseLong(words[1]);
        return words.length > 2 ? new MailboxReply(true, "", value, HEX.parseHex(words[2].toLowerCase(Locale.ROOT)))
                : MailboxReply.ack(value);
    }
}
