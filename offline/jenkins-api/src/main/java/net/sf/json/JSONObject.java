package net.sf.json;

/** The real one also extends AbstractJSON and implements JSON, Map and Comparable; only these members are used. */
public final class JSONObject {

    public Object get(String key) {
        throw new UnsupportedOperationException();
    }

    public Object remove(String key) {
        throw new UnsupportedOperationException();
    }
}
