package io.jenkins.plugins.kubernetesdelivery.testenv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of another port on 127.0.0.1 (the API server of a testenv), for fault tests: it
 * adds latency, drops every open connection (a watch included), freezes them all or only those open now (bytes stop
 * flowing, nothing is closed: a watch that goes silent), or refuses new ones (a reconnect loop). It never connects anywhere but loopback. TLS
 * passes through untouched; testenv's serving certificate names 127.0.0.1, so clients only change the port.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long delayMillis;
    private volatile boolean refusing;
    private volatile boolean frozen;
    private final Object gate = new Object();

    /** Listens on an ephemeral port of 127.0.0.1 and forwards each connection to {@code targetPort} there. */
    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tcp proxy :" + server.getLocalPort() + " -> :" + targetPort);
        t.setDaemon(true);
        t.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (refused ones included): what a reconnect loop is measured by. */
    public int accepted() {
        return accepted.get();
    }

    /** Every chunk of bytes, either way, is held this long before it is passed on. */
    public TcpProxy delay(Duration d) {
        delayMillis = d.toMillis();
        return this;
    }

    /** While on, every new connection is closed at once, before any byte (the server "is down" for clients). */
    public TcpProxy refuse(boolean on) {
        refusing = on;
        return this;
    }

    /** While on, no byte passes on any connection, open or new, and none is closed: the peers hear nothing. */
    public TcpProxy freeze(boolean on) {
        synchronized (gate) {
            frozen = on;
            if (!on) {
                silenced.clear();
            }
            gate.notifyAll();
        }
        return this;
    }

    /**
     * Freezes the connections open now (a watch among them), not the ones opened later: what a NAT or load balancer
     * that forgot a connection does to a watch. {@link #freeze freeze(false)} lets them flow again.
     */
    public TcpProxy silenceOpen() {
        silenced.addAll(open);
        return this;
    }

    /** Closes every open connection (both sides), e.g. to drop a watch; new connections are served as before. */
    public void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        freeze(false);
        dropAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                // the server is down: the client sees its connection closed
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            awaitUnfrozen(from);
                            long d = delayMillis;
                            if (d > 0) {
                                Thread.sleep(d);
                            }
                            awaitUnfrozen(from);
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // a side closed: close the other one too
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                        silenced.remove(from);
                        silenced.remove(to);
                    }
                },
                "tcp proxy pump " + from.getPort() + " -> " + to.getPort());
        t.setDaemon(true);
        t.start();
    }

    private void awaitUnfrozen(Socket from) throws InterruptedException {
        synchronized (gate) {
            while (frozen || silenced.contains(from)) {
                gate.wait(100);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
