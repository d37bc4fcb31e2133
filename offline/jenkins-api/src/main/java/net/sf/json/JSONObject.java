package net.sf.json;

/** The real one also extends AbstractJSON and implements JSON, Map and Comparable; only get(String) is used. */
public final class JSONObject {

    public Object get(String key) {
        throw new UnsupportedOperationException();
    }
}
