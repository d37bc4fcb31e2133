package hudson.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Trivial bodies: reads come straight from the wrapped stream, as in the real one used where it was made. */
public class RemoteInputStream extends InputStream implements SerializableOnlyOverRemoting {

    private transient InputStream core;

    public RemoteInputStream(InputStream core, Flag f) {
        this.core = core;
    }

    @Override
    public int read() throws IOException {
        return core.read();
    }

    @Override
    public int read(@NonNull byte[] b, int off, int len) throws IOException {
        return core.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        core.close();
    }

    private static final long serialVersionUID = 1L;

    public enum Flag {
        GREEDY,
        NOT_GREEDY,
        MANUAL_UNEXPORT
    }
}
