package io.wirespeed.virt.vf;

/**
 * The PF's answer: acknowledged (with the value asked for) or refused with the reason.
 *
 * @param value a reset's MAC address, the queue count, or the granted xcast mode's ordinal
 * @param data an RSS key's bytes or a redirection table's entries (as bytes), else empty
 */
public record MailboxReply(boolean acknowledged, String refusal, long value, byte[] data) {
    private static final byte[] NONE = new byte[0];

    public static MailboxReply ack() {
        return new MailboxReply(true, "", 0, NONE);
    }

    public static MailboxReply ack(long value) {
        return new MailboxReply(true, "", value, NONE);
    }

    public static MailboxReply ack(byte[] data) {
        return new MailboxReply(true, "", 0, data.clone());
    }

    public static MailboxReply refused(String why) {
        return new MailboxReply(false, why, 0, NONE);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
