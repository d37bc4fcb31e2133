package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The pods/attach and pods/log subresources, through fabric8's websocket and HTTP clients. */
public final class Fabric8PodChannels implements PodChannels {

    private static final Logger LOGGER = Logger.getLogger(Fabric8PodChannels.class.getName());
    /** The longest builder log line passed on, in characters. */
    static final int MAX_LINE = 8192;

    private static final String CUT = "… (line cut at " + MAX_LINE + " characters)";

    @Override
    public void upload(KubernetesClient client, String namespace, String pod, String container, ContextSource context)
            throws IOException {
        ExecWatch watch;
        try {
            watch = client.pods()
                    .inNamespace(namespace)
                    .withName(pod)
                    .inContainer(container)
                    .withReadyWaitTimeout(0)
                    .redirectingInput()
                    .attach();
        } catch (KubernetesClientException e) {
            throw new IOException(
                    "cannot attach to " + namespace + "/" + pod + " container " + container + ": " + e.getMessage(), e);
        }
        try (watch) {
            send(watch.getInput(), context, "bake upload " + namespace + "/" + pod);
        }
    }

    /**
     * Writes the context's tar into fabric8's attach stream {@code stdin}, then closes it. fabric8 waits for its send
     * queue on the writing thread and clears the interrupt flag there (audit D-7), so {@code stdin} is written from
     * a thread of its own ({@link HandOffStream}, named {@code name}): an abort of this thread always ends the upload
     * with an {@link java.io.InterruptedIOException}, the flag set.
     */
    static void send(OutputStream stdin, ContextSource context, String name) throws IOException {
        HandOffStream handOff = new HandOffStream(stdin, name);
        try {
            OutputStream buffered = new BufferedOutputStream(handOff, 64 * 1024);
            context.writeTo(buffered);
            buffered.flush();
            handOff.close();
        } finally {
            handOff.abort();
        }
    }

    /**
     * Splits a log into lines ({@code \n}, {@code \r\n}) of at most {@value #MAX_LINE} characters: the rest of a
     * longer line is dropped and the line says so (audit D-20: a builder may print megabytes without a newline, and
     * the last lines go into the failure's message).
     */
    static void readLines(Reader in, Consumer<String> lines) throws IOException {
        Reader r = in instanceof BufferedReader ? in : new BufferedReader(in, 8192);
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        for (int c = r.read(); c >= 0; c = r.read()) {
            if (c == '\n') {
                lines.accept(ended(line, cut));
                line.setLength(0);
                cut = false;
            } else if (line.length() < MAX_LINE) {
                line.append((char) c);
            } else {
                cut = true;
            }
        }
        if (line.length() > 0 || cut) {
            lines.accept(ended(line, cut));
        }
    }

    private static String ended(StringBuilder line, boolean cut) {
        int n = line.length();
        if (!cut && n > 0 && line.charAt(n - 1) == '\r') {
            n--;
        }
        return cut ? line + CUT : line.substring(0, n);
    }

    @Override
    public Closeable followLog(
            KubernetesClient client, String namespace, String pod, String container, Consumer<String> lines) {
        LogWatch log = client.pods()
                .inNamespace(namespace)
                .withName(pod)
                .inContainer(container)
                .withReadyWaitTimeout(0)
                .watchLog();
        Thread reader = new Thread(
                () -> {
                    try (Reader r = new InputStreamReader(log.getOutput(), StandardCharsets.UTF_8)) {
                        readLines(r, lines);
                    } catch (IOException | RuntimeException e) {
                        LOGGER.log(Level.FINE, "log of " + namespace + "/" + pod + " ended", e);
                    }
                },
                "bake log " + namespace + "/" + pod);
        reader.setDaemon(true);
        reader.start();
        return () -> {
            try {
                reader.join(2000); // a finished container's log ends by itself: let the last lines through
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                log.close();
            }
        };
    }
}
