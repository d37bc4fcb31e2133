package io.jenkins.plugins.kubernetesdelivery.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault helper without a cluster: the proxy against a local echo server, and which clusters it refuses. */
class FaultsTest {

    private ServerSocket echo;

    @BeforeEach
    void startEcho() throws Exception {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (Exception e) {
                            // closed
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stopEcho() throws Exception {
        echo.close();
    }

    private static String roundTrip(Socket s, String text) throws Exception {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        byte[] b = s.getInputStream().readNBytes(text.length());
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void bytesPassBothWaysAndFreezeHoldsThemWithoutClosing() throws Exception {
        try (TcpProxy proxy = new TcpProxy(echo.getLocalPort());
                Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            proxy.freeze(true);
            s.setSoTimeout(300);
            s.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.freeze(false);
            s.setSoTimeout(10_000);
            assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.UTF_8))
                    .isEqualTo("held");
            assertThat(proxy.accepted()).isEqualTo(1);
        }
    }

    @Test
    void dropAllClosesOpenConnectionsAndRefuseClosesNewOnes() throws Exception {
        try (TcpProxy proxy = new TcpProxy(echo.getLocalPort());
                Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            s.setSoTimeout(10_000);
            proxy.dropAll();
            assertThat(s.getInputStream().read()).as("dropped").isEqualTo(-1);
            proxy.refuse(true);
            try (Socket t = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                t.setSoTimeout(10_000);
                assertThat(t.getInputStream().read()).as("refused").isEqualTo(-1);
            }
            proxy.refuse(false);
            try (Socket u = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(roundTrip(u, "again")).isEqualTo("again");
            }
            assertThat(proxy.accepted()).isEqualTo(3);
        }
    }

    @Test
    void onlyAClusterStartedForFaultsIsAccepted(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Faults.check(null))
                .hasMessageContaining("never use the shared testenv")
                .hasMessageContaining("TESTENV_FAULTS=allow testenv/up");
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n");
        assertThatThrownBy(() -> Faults.check(kubeconfig.toString()))
                .hasMessageContaining("was not started with TESTENV_FAULTS=allow");
        Files.writeString(dir.resolve(Faults.MARKER), "yes\n");
        assertThat(Faults.check(kubeconfig.toString())).isEqualTo(kubeconfig);
    }
}
