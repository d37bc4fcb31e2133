package hudson.model;

import hudson.ExtensionPoint;
import hudson.triggers.SafeTimerTask;

/** Left out: {@code @SuppressFBWarnings}. */
public abstract class PeriodicWork extends SafeTimerTask implements ExtensionPoint {

    public abstract long getRecurrencePeriod();

    public long getInitialDelay() {
        throw new UnsupportedOperationException();
    }

    protected static final long MIN = 1000 * 60;
    protected static final long HOUR = 60 * MIN;
    protected static final long DAY = 24 * HOUR;
}
