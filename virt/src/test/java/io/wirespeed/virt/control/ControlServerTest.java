package io.wirespeed.virt.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    @TempDir
    Path dir;

    @Test
    void aCommandGetsItsOutput() {
        Path socket = dir.resolve("nic.sock");
        try (ControlServer server = ControlServer.open(socket, line -> "you said " + line + "\n")) {
            ControlClient.Reply reply = ControlClient.send(server.path(), "show");
            assertThat(reply.ok()).isTrue();
            assertThat(reply.output()).isEqualTo("you said show\n");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aRefusedCommandGetsItsOneLineError() {
        try (ControlServer server = ControlServer.open(dir.resolve("nic.sock"), line -> {
            throw new IllegalArgumentException("VF 9 does not exist");
        })) {
            ControlClient.Reply reply = ControlClient.send(server.path(), "vf 9 trust on");
            assertThat(reply.ok()).isFalse();
            assertThat(reply.output()).isEqualTo("VF 9 does not exist");
        }
    }

    @Test
    void aSecondServerOnALiveSocketIsRefused() {
        Path socket = dir.resolve("nic.sock");
        try (ControlServer first = ControlServer.open(socket, line -> "")) {
            assertThatThrownBy(() -> ControlServer.open(socket, line -> "")).hasMessageContaining("already running");
        }
    }

    @Test
    void aSocketFileLeftByADeadRunIsReplaced() throws Exception {
        Path socket = dir.resolve("nic.sock");
        Files.createFile(socket);
        try (ControlServer server = ControlServer.open(socket, line -> "alive\n")) {
            assertThat(ControlClient.send(socket, "x").output()).isEqualTo("alive\n");
        }
    }

    @Test
    void nobodyListeningIsOneClearError() {
        assertThatThrownBy(() -> ControlClient.send(dir.resolve("none.sock"), "show"))
                .hasMessageStartingWith("no NIC is running with the control socket");
    }
}
