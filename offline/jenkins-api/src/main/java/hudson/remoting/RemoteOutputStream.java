package hudson.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.OutputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Trivial bodies: writes go straight to the wrapped stream, as the real one does when it is used where it was made
 * (a file callable run on a local {@code FilePath}); only serialization over a channel makes it a proxy.
 */
public final class RemoteOutputStream extends OutputStream implements SerializableOnlyOverRemoting {

    private transient OutputStream core;

    public RemoteOutputStream(OutputStream core) {
        this.core = core;
    }

    @Override
    public void write(int b) throws IOException {
        core.write(b);
    }

    @Override
    public void write(@NonNull byte[] b, int off, int len) throws IOException {
        core.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        core.flush();
    }

    @Override
    public void close() throws IOException {
        core.close();
    }

    private static final long serialVersionUID = 1L;
}
