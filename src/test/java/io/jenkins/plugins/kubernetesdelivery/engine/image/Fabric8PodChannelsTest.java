package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attach and log channels against the fabric8 mock server (kwok nodes cannot serve them): the bytes that
 * arrive on the attach websocket's stdin channel are exactly the context tar; the log arrives line by line.
 */
class Fabric8PodChannelsTest {

    static final String POD_PATH = "/api/v1/namespaces/ns/pods/bake-x";

    @TempDir
    Path ws;

    KubernetesMockServer server;
    KubernetesClient client;
    final AttachRecorder attach = new AttachRecorder();

    @BeforeEach
    void setUp() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        MockDispatcher expectations = new MockDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().startsWith(POD_PATH + "/attach")) {
                    attach.paths.add(request.getPath());
                    return new MockResponse()
                            .setResponseCode(101)
                            .setHeader("Sec-WebSocket-Protocol", "v4.channel.k8s.io")
                            .withWebSocketUpgrade(attach);
                }
                return expectations.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("bake-x")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .addNewInitContainer()
                .withName("context")
                .endInitContainer()
                .addNewContainer()
                .withName("build")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
        server.expect().get().withPath(POD_PATH).andReturn(200, pod).always();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ns/pods?fieldSelector=metadata.name%3Dbake-x")
                .andReturn(
                        200,
                        new io.fabric8.kubernetes.api.model.PodListBuilder()
                                .withNewMetadata()
                                .withResourceVersion("1")
                                .endMetadata()
                                .addToItems(pod)
                                .build())
                .always();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.destroy();
    }

    @Test
    void uploadSendsExactlyTheContextTarOnStdin() throws Exception {
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
        Files.write(ws.resolve("big.bin"), new byte[300_000]);
        Files.writeString(ws.resolve(".dockerignore"), "*.tmp\n");
        Files.writeString(ws.resolve("skip.tmp"), "not sent");
        BuildContext context = BuildContext.scan(new LocalWorkspaceFiles(ws), ".", "Dockerfile");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        context.writeTo(expected);

        new Fabric8PodChannels().upload(client, "ns", "bake-x", "context", context);

        assertThat(attach.closed.await(30, TimeUnit.SECONDS))
                .as("attach session closed")
                .isTrue();
        assertThat(attach.paths)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith(POD_PATH + "/attach?")
                        .contains("container=context")
                        .contains("stdin=true"));
        byte[] received = attach.stdin.toByteArray();
        assertThat(received).hasSize((int) context.tarSize()).isEqualTo(expected.toByteArray());
        assertThat(ByteArrayTar.names(received)).containsExactly(".dockerignore", "Dockerfile", "big.bin");
        assertThat(attach.otherChannels).allSatisfy(ch -> assertThat(ch).isIn(255));
    }

    @Test
    void refusedAttachIsAnIOExceptionNamingThePod() throws Exception {
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\n");
        BuildContext context = BuildContext.scan(new LocalWorkspaceFiles(ws), ".", "Dockerfile");
        assertThatThrownBy(() -> new Fabric8PodChannels().upload(client, "ns", "other", "context", context))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("cannot attach to ns/other container context");
    }

    @Test
    void logArrivesLineByLine() throws Exception {
        server.expect()
                .get()
                .withPath(POD_PATH + "/log?pretty=false&container=build&follow=true")
                .andReturn(200, "#1 [internal] load build definition\n#1 DONE 0.1s\nexporting to image\n")
                .once();
        List<String> lines = new CopyOnWriteArrayList<>();
        Closeable follow = new Fabric8PodChannels().followLog(client, "ns", "bake-x", "build", lines::add);
        follow.close();
        assertThat(lines).containsExactly("#1 [internal] load build definition", "#1 DONE 0.1s", "exporting to image");
    }

    /** Audit D-20: a builder that prints a megabyte without a newline must not make a megabyte-long line. */
    @Test
    void aHugeLogLineIsCutAndTheNextLinesStillArrive() throws Exception {
        server.expect()
                .get()
                .withPath(POD_PATH + "/log?pretty=false&container=build&follow=true")
                .andReturn(200, "first\n" + "x".repeat(1_000_000) + "\nnext\n")
                .once();
        List<String> lines = new CopyOnWriteArrayList<>();
        Closeable follow = new Fabric8PodChannels().followLog(client, "ns", "bake-x", "build", lines::add);
        follow.close();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("first");
        assertThat(lines.get(1).length()).isLessThanOrEqualTo(8300);
        assertThat(lines.get(1).substring(8180)).startsWith("xxxx").endsWith("… (line cut at 8192 characters)");
        assertThat(lines.get(2)).isEqualTo("next");
    }

    /**
     * Audit D-7: fabric8 7.3.1's attach stream ({@code ExecWebSocketListener.send}) first waits, on the writing
     * thread, while its websocket's send queue is over 16 MiB: {@code while (full) { if (Thread.interrupted())
     * break; Thread.sleep(50); }}, restoring the flag after an {@code InterruptedException} and clearing it in the
     * check on the next write, which then sends. {@link QueueWaitingStream} does the same. An abort of the uploading
     * thread must end the upload (an exception, the flag still set), not be swallowed while the rest goes out.
     */
    @Test
    void anInterruptWhileFabric8WaitsForItsQueueEndsTheUploadWithTheFlagSet() throws Exception {
        long total = 64L << 20;
        CountingContext context = new CountingContext(total);
        QueueWaitingStream stdin = new QueueWaitingStream();
        java.util.concurrent.atomic.AtomicReference<Throwable> ended =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagAfter = new java.util.concurrent.atomic.AtomicBoolean();
        Thread uploader = new Thread(
                () -> {
                    try {
                        Fabric8PodChannels.send(stdin, context, "test upload");
                    } catch (Throwable t) {
                        ended.set(t);
                    }
                    flagAfter.set(Thread.currentThread().isInterrupted());
                },
                "uploader");
        uploader.start();
        assertThat(stdin.waiting.await(30, TimeUnit.SECONDS))
                .as("the upload waits for the queue")
                .isTrue();
        Thread.sleep(200);
        uploader.interrupt();
        Thread.sleep(300);
        stdin.full = false; // the queue drains: a swallowed interrupt lets the rest of the context go out
        uploader.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(uploader.isAlive()).as("upload ended").isFalse();
        assertThat(ended.get() != null || flagAfter.get())
                .as("the abort is seen: %s, flag %s", ended.get(), flagAfter.get())
                .isTrue();
        assertThat(stdin.sent.get()).as("the rest of the context is not sent").isLessThan(total);
    }

    /** fabric8's attach stream as far as interrupts go: a queue wait on the writer's thread that clears the flag. */
    static final class QueueWaitingStream extends java.io.OutputStream {
        volatile boolean full = true;
        final CountDownLatch waiting = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                while (full) {
                    waiting.countDown();
                    if (Thread.interrupted()) {
                        break;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.addAndGet(len);
        }
    }

    /** A context of zeros that counts what it wrote. */
    static final class CountingContext implements ContextSource {
        final long size;
        final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

        CountingContext(long size) {
            this.size = size;
        }

        @Override
        public List<String> problems() {
            return List.of();
        }

        @Override
        public long fileCount() {
            return 1;
        }

        @Override
        public long tarSize() {
            return size;
        }

        @Override
        public void writeTo(java.io.OutputStream out) throws java.io.IOException {
            byte[] chunk = new byte[64 * 1024];
            for (long n = 0; n < size; n += chunk.length) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        }
    }

    /** Records what the client sends on the attach websocket: channel 0 is stdin, 255 the close signal. */
    static final class AttachRecorder extends WebSocketListener {
        final List<String> paths = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        final List<Integer> otherChannels = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            if (bytes.length > 0 && bytes[0] == 0) {
                synchronized (stdin) {
                    stdin.write(bytes, 1, bytes.length - 1);
                }
            } else if (bytes.length > 0) {
                otherChannels.add(bytes[0] & 0xff);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, io.fabric8.mockwebserver.http.ByteString bytes) {
            onMessage(webSocket, bytes.toByteArray());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closed.countDown();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closed.countDown();
        }
    }
}
