package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

/** Normalising optional text inputs. */
public final class Strings {

    private Strings() {}

    /** {@code null} for null or blank text, else the text without leading and trailing white space. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
