package io.wirespeed.virt.control;

import io.wirespeed.sys.Log;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A running NIC's control socket: a Unix-domain stream socket that takes one command line per
 * connection and answers {@code ok} or {@code error MESSAGE} on the first line, then the
 * command's output. Commands run one at a time (the handler is called under this server's
 * lock); a handler's {@link IllegalArgumentException} becomes the error line.
 */
public final class ControlServer implements AutoCloseable {
    static final int MAX_REQUEST_BYTES = 4096;
    private static final String LOG = "nic";

    private final Path path;
    private final ServerSocketChannel server;
    private final UnaryOperator<String> handler;
    private final SessionHandler sessions;
    private final Thread acceptor;

    /** Serves a connection whose first line starts a session (a guest process attaching to a VF). */
    public interface SessionHandler {
        void serve(String firstLine, Conversation conversation) throws IOException;
    }

    /** The first word of a line that opens a guest session rather than running one command. */
    public static final String SESSION_PREFIX = "attach ";

    private ControlServer(Path path, ServerSocketChannel server, UnaryOperator<String> handler, SessionHandler sessions) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.sessions = sessions;
        this.acceptor = Thread.ofPlatform().name("nic-control").daemon().unstarted(this::accept);
    }

    /**
     * Listens at {@code path} (its directory is created). A socket file left by a run that
     * died is replaced; one that still answers is another running NIC, and an error.
     */
    public static ControlServer open(Path path, UnaryOperator<String> handler) {
        return open(path, handler, null);
    }

    /** Like {@link #open(Path, UnaryOperator)}, with guest sessions served by {@code sessions}. */
    public static ControlServer open(Path path, UnaryOperator<String> handler, SessionHandler sessions) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (Files.exists(path)) {
                if (ControlClient.answers(path)) {
                    throw new IllegalArgumentException("a NIC is already running with the control socket " + path
                            + " (give this one another nic.name)");
                }
                Files.delete(path); // left by a run that did not end cleanly
            }
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            ControlServer s = new ControlServer(path, server, handler, sessions);
            s.acceptor.start();
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open the NIC's control socket " + path + ": " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    private void accept() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) { // closed by close(), also while blocked in accept
                return;
            } catch (IOException e) {
                Log.info(LOG, "control socket " + path + ": " + e.getMessage());
                return;
            }
            // A virtual thread per connection: a client that never sends its line holds only itself.
            Thread.ofVirtual().name("nic-control-client").start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            Conversation conversation = new Conversation(client);
            String request = conversation.readLine();
            if (request == null) {
                return;
            }
            if (sessions != null && request.startsWith(SESSION_PREFIX)) {
                sessions.serve(request, conversation); // until the guest goes away
                return;
            }
            String reply;
            synchronized (this) {
                try {
                    reply = "ok\n" + handler.apply(request);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    reply = "error " + e.getMessage() + "\n";
                }
            }
            conversation.write(reply);
        } catch (IOException e) {
            // The client went away before the answer: nothing to tell it.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Log.info(LOG, "control socket " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
