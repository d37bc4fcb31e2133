package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands what is written to a sending thread of its own, which writes it to the real stream. Writers wait
 * interruptibly, so an interrupt of the writing thread always ends the upload with an
 * {@link InterruptedIOException} and the flag set, whatever the real stream does with interrupts (fabric8's attach
 * stream waits for its send queue on the caller's thread and clears the flag there: audit D-7). The real stream is
 * written, flushed and closed only by the sending thread.
 */
final class HandOffStream extends OutputStream {

    private static final byte[] END = new byte[0];
    private static final int CHUNK = 64 * 1024;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
    private final Thread sender;
    private volatile Throwable failure;
    private volatile boolean stopped;
    private volatile boolean closed;

    /**
     * Starts the sending thread; {@link #close()} ends the stream, waits for the last chunk to be written and closes
     * {@code target}.
     */
    HandOffStream(OutputStream target, String name) {
        sender = new Thread(() -> send(target), name);
        sender.setDaemon(true);
        sender.start();
    }

    private void send(OutputStream target) {
        try {
            while (!stopped) {
                byte[] chunk = chunks.poll(200, TimeUnit.MILLISECONDS);
                if (chunk == END) {
                    target.flush();
                    target.close();
                    return;
                }
                if (chunk != null) {
                    target.write(chunk);
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            failure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int at = off; at < off + len; at += CHUNK) {
            int n = Math.min(CHUNK, off + len - at);
            byte[] chunk = new byte[n];
            System.arraycopy(b, at, chunk, 0, n);
            put(chunk);
        }
    }

    private void put(byte[] chunk) throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        try {
            while (!chunks.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                failIfSenderEnded();
            }
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            InterruptedIOException x = new InterruptedIOException("the context upload was interrupted");
            x.initCause(e);
            throw x;
        }
        if (chunk != END) {
            failIfSenderEnded();
        }
    }

    private void failIfSenderEnded() throws IOException {
        rethrowFailure();
        if (!sender.isAlive()) {
            throw new IOException("the sending thread ended early");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw f instanceof IOException io
                    ? new IOException(io.getMessage(), io)
                    : new IOException("sending failed: " + f, f);
        }
    }

    /** Ends the stream: waits until the sender has written everything (interruptibly). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        put(END);
        closed = true;
        try {
            sender.join();
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the context upload was interrupted");
        }
        rethrowFailure();
    }

    /** Stops the sender without waiting; it may be blocked in the real stream until that is closed. */
    void abort() {
        stopped = true;
        closed = true;
        chunks.clear();
        sender.interrupt();
    }
}
