package io.wirespeed.virt.control;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.sys.EventFd;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.Pidfd;
import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.NicFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The NIC's side of guests in other processes ({@code wirespeed vm}). A session starts with
 * {@code attach VF ZONE}: the NIC maps the guest's memory zone (a memfd, through /proc/PID/fd/N)
 * and the guest then drives the VF's registers line by line, one answer each: {@code program},
 * {@code irq} (the NIC takes a duplicate of the guest's eventfd with pidfd_getfd), {@code start},
 * {@code stop}, {@code mailbox ...}, {@code link}. When the connection ends, however the guest
 * ended, the VF is stopped: its queues are reclaimed, frames it left queued are counted, and
 * frames for it become link_down drops until another guest attaches.
 */
public final class VmSessions implements ControlServer.SessionHandler {
    private static final String LOG = "nic";
    private final EmulatedNic nic;
    private final Set<Integer> attached = new HashSet<>();

    public VmSessions(EmulatedNic nic) {
        this.nic = nic;
    }

    @Override
    public void serve(String firstLine, Conversation conversation) throws IOException {
        String[] words = firstLine.split("\\s+");
        NicFunction function;
        MemoryZone zone;
        try {
            if (words.length != 3) {
                throw new IllegalArgumentException("attach needs a VF and a zone: attach VF ZONE");
            }
            function = words[1].equals("pf") ? nic.pfFunction() : nic.vf(Integer.parseInt(words[1]));
            synchronized (attached) {
                if (function.isStarted() || !attached.add(function.index())) {
                    throw new IllegalArgumentException(function.name() + " already has a guest attached");
                }
            }
        } catch (IllegalArgumentException e) {
            conversation.write("error " + e.getMessage() + "\n");
            return;
        }
        try {
            zone = MemoryZone.attach(Path.of(words[2]));
        } catch (RuntimeException e) {
            release(function);
            conversation.write("error cannot map the guest's memory " + words[2] + ": " + e.getMessage() + "\n");
            return;
        }
        Log.info(LOG, function.name() + ": a guest process attached (" + zone.size() / (1 << 20) + " MiB of memory)");
        try {
            conversation.write("ok " + function.name() + " " + function.maxQueues() + "\n");
            String line;
            while ((line = conversation.readLine()) != null) {
                String answer;
                try {
                    answer = execute(function, zone, line.split("\\s+"));
                } catch (RuntimeException e) {
                    answer = "error " + e.getMessage();
                }
                conversation.write(answer + "\n");
            }
        } catch (IOException e) {
            // the guest went away mid-conversation: handled as the end of the session below
        } finally {
            function.stop(); // reclaims the queues; what the guest left queued is counted
            zone.close();
            release(function);
            Log.info(LOG, function.name() + ": the guest process went away; its queues were reclaimed");
        }
    }

    private void release(NicFunction function) {
        synchronized (attached) {
            attached.remove(function.index());
        }
    }

    private static String execute(NicFunction f, MemoryZone zone, String[] w) {
        switch (w[0]) {
            case "program" -> {
                f.programQueue(num(w, 1), zone, Long.parseLong(w[2]), num(w, 3), Long.parseLong(w[4]), num(w, 5));
                return "ok";
            }
            case "irq" -> {
                int queue = num(w, 1);
                f.adoptInterrupt(queue, EventFd.adopt(Pidfd.duplicate(num(w, 2), num(w, 3))));
                return "ok";
            }
            case "start" -> {
                f.start(num(w, 1));
                return "ok";
            }
            case "stop" -> {
                f.stop();
                return "ok";
            }
            case "mailbox" -> {
                return MailboxLines.encode(f.request(MailboxLines.decode(w, 1)));
            }
            case "link" -> {
                LinkStatus link = f.link();
                return link.up() ? "ok up " + link.speedMbps() : "ok down";
            }
            default -> throw new IllegalArgumentException("unknown register operation " + w[0]);
        }
    }

    private static int num(String[] w, int at) {
        if (at >= w.length) {
            throw new IllegalArgumentException(w[0] + ": missing argument " + at);
        }
        return Integer.parseInt(w[at]);
    }
}
