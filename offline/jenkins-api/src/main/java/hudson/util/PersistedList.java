package hudson.util;

import java.util.AbstractList;

/** Left out: {@code @WithBridgeMethods(void.class)} on {@link #add} (a build-time annotation of Jenkins). */
public class PersistedList<T> extends AbstractList<T> {

    protected PersistedList() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean add(T item) {
        throw new UnsupportedOperationException();
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }
}
