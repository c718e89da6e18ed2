package io.wirespeed.virt.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends one command to a running NIC's {@link ControlServer} and returns its answer. */
public final class ControlClient {
    private ControlClient() {
    }

    /** The server's answer: {@code ok} and the command's output, or the one-line error. */
    public record Reply(boolean ok, String output) {
    }

    /**
     * Sends {@code command}.
     *
     * @throws IllegalArgumentException when nothing listens at {@code path}
     */
    public static Reply send(Path path, String command) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no NIC is running with the control socket " + path
                    + " (wirespeed run SCENARIO.yaml starts one)");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            ByteBuffer out = ByteBuffer.wrap((command.strip() + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (channel.read(in) >= 0) {
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            String status = eol < 0 ? text : text.substring(0, eol);
            String rest = eol < 0 ? "" : text.substring(eol + 1);
            if (status.equals("ok")) {
                return new Reply(true, rest);
            }
            if (status.startsWith("error ")) {
                return new Reply(false, status.substring("error ".length()));
            }
            throw new IllegalArgumentException(path + " answered something that is not a NIC's control protocol");
        } catch (IOException e) {
            throw new IllegalArgumentException("no NIC answers at " + path + " (" + e.getMessage()
                    + "; wirespeed run SCENARIO.yaml starts one)");
        }
    }

    /** Whether a server accepts connections at {@code path}. */
    static boolean answers(Path path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a NIC named {@code name} listens: {@code $TMPDIR/wirespeed-USER/NAME.sock}. */
    public static Path defaultPath(String name) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "wirespeed-" + user, name + ".sock");
    }
}
