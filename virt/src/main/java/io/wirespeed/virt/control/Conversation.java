package io.wirespeed.virt.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Lines in both directions over one control connection (UTF-8, '\n'-terminated). One thread uses it. */
public final class Conversation {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(ControlServer.MAX_REQUEST_BYTES);

    Conversation(SocketChannel channel) {
        this.channel = channel;
        in.flip();
    }

    /** The next line without its '\n', or null at the end of the stream. */
    String readLine() throws IOException {
        while (true) {
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    byte[] line = new byte[i - in.position()];
                    in.get(line);
                    in.get(); // the '\n'
                    return new String(line, StandardCharsets.UTF_8).strip();
                }
            }
            in.compact();
            if (!in.hasRemaining()) {
                throw new IOException("a control line longer than " + in.capacity() + " bytes");
            }
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return in.hasRemaining() ? takeRest() : null;
            }
        }
    }

    private String takeRest() {
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        return new String(rest, StandardCharsets.UTF_8).strip();
    }

    void write(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }
}
