package io.wirespeed.virt.control;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.sys.EventFd;
import io.wirespeed.sys.Syscalls;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.VfDevice;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A VF of a NIC in another process, as a guest process's driver sees it: the register
 * operations go over the NIC's control socket (the admin path: a few at start and stop), while
 * packets move through rings and buffers in the guest's memory zone, which the NIC maps. The
 * interrupt lines are eventfds of this process that the NIC duplicates with pidfd_getfd.
 * Closing it (or this process ending) detaches the guest: the NIC stops the VF.
 */
public final class RemoteVf implements VfDevice, AutoCloseable {
    private final SocketChannel channel;
    private final Conversation conversation;
    private final String name;
    private final int maxQueues;
    private final List<EventFd> lines = new ArrayList<>();

    private RemoteVf(SocketChannel channel, Conversation conversation, String name, int maxQueues) {
        this.channel = channel;
        this.conversation = conversation;
        this.name = name;
        this.maxQueues = maxQueues;
    }

    /**
     * Attaches to {@code vf} ("3" or "pf") of the NIC at {@code socket}, which maps {@code zone}
     * (a memfd zone, so that the NIC can open it as /proc/PID/fd/N).
     */
    public static RemoteVf attach(Path socket, String vf, MemoryZone zone) {
        if (!Files.exists(socket)) {
            throw new IllegalArgumentException("no NIC is running with the control socket " + socket
                    + " (wirespeed run SCENARIO.yaml starts one)");
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            Conversation c = new Conversation(channel);
            c.write(ControlServer.SESSION_PREFIX + vf + " " + zone.path() + "\n");
            String answer = c.readLine();
            if (answer == null || !answer.startsWith("ok ")) {
                throw new IllegalArgumentException("the NIC refused the guest: "
                        + (answer == null ? "it closed the connection" : answer.replaceFirst("^error ", "")));
            }
            String[] w = answer.split(" ");
            return new RemoteVf(channel, c, w[1], Integer.parseInt(w[2]));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalArgumentException("no NIC answers at " + socket + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private synchronized String call(String line) {
        try {
            conversation.write(line + "\n");
            String answer = conversation.readLine();
            if (answer == null) {
                throw new IllegalStateException(name + ": the NIC closed the connection");
            }
            if (answer.startsWith("error ")) {
                throw new IllegalStateException(name + ": " + answer.substring("error ".length()));
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(name + ": lost the NIC: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxQueues() {
        return maxQueues;
    }

    @Override
    public void programQueue(int queue, MemoryZone zone, long rxRingOffset, int rxSize, long txRingOffset, int txSize) {
        call("program " + queue + " " + rxRingOffset + " " + rxSize + " " + txRingOffset + " " + txSize);
    }

    /** A new eventfd of this process, handed to the NIC for {@code queue}. */
    @Override
    public synchronized EventFd interrupt(int queue) {
        EventFd line = EventFd.create();
        lines.add(line);
        call("irq " + queue + " " + Syscalls.getpid() + " " + line.fd());
        return line;
    }

    @Override
    public void start(int queues) {
        call("start " + queues);
    }

    @Override
    public void stop() {
        call("stop");
    }

    @Override
    public MailboxReply request(MailboxRequest request) {
        return MailboxLines.decodeReply(call("mailbox " + MailboxLines.encode(request)));
    }

    @Override
    public LinkStatus link() {
        String[] w = call("link").split(" ");
        return w[1].equals("up") ? LinkStatus.up(Integer.parseInt(w[2])) : LinkStatus.DOWN;
    }

    /** Detaches: the NIC stops the VF and unmaps the zone. */
    @Override
    public synchronized void close() {
        closeQuietly(channel);
        for (EventFd e : lines) {
            e.close();
        }
        lines.clear();
    }

    private static void closeQuietly(SocketChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
