package io.wirespeed.classify.acl;

/** A line of a rule file that does not parse: the message names the file, the line and the field. */
public final class AclRuleFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;

    AclRuleFormatException(String source, int line, String message) {
        super(source + " line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line number at fault. */
    public int line() {
        return line;
    }
}
