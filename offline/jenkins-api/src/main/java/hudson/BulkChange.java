package hudson;

import hudson.model.Saveable;
import java.io.Closeable;

/** Only {@code contains}; offline tests run outside any bulk change. */
public class BulkChange implements Closeable {

    public BulkChange(Saveable saveable) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    public static boolean contains(Saveable s) {
        throw new UnsupportedOperationException();
    }
}
