package io.wirespeed.sys;

/**
 * A Linux call failed. The message names the call, the errno's symbolic name and its text, e.g.
 * {@code "memfd_create(\"zone\"): ENOSYS (Function not implemented)"}, so that the one line a user
 * sees says what went wrong without a stack trace.
 */
public final class SysException extends RuntimeException {
    private final String call;
    private final int errno;

    public SysException(String call, int errno) {
        super(call + ": " + Errno.name(errno) + " (" + Errno.description(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The call and its salient arguments, as written in the message. */
    public String call() {
        return call;
    }

    /** The errno value the call left behind. */
    public int errno() {
        return errno;
    }
}
