package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import java.io.IOException;

public interface DynamicContext extends ExtensionPoint {

    interface DelegatedContext {

        @Nullable <T> T get(Class<T> key) throws IOException, InterruptedException;
    }

    @CheckForNull <T> T get(Class<T> key, DelegatedContext context) throws IOException, InterruptedException;

    abstract class Typed<T> implements DynamicContext {

        protected abstract @NonNull Class<T> type();

        protected abstract @CheckForNull T get(DelegatedContext context) throws IOException, InterruptedException;

        @Override
        public final <U> U get(Class<U> key, DelegatedContext context) throws IOException, InterruptedException {
            throw new UnsupportedOperationException();
        }
    }
}
