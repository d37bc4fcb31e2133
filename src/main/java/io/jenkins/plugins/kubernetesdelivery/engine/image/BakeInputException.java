package io.jenkins.plugins.kubernetesdelivery.engine.image;

/** Bad input to a bake, found before anything was created in the cluster. The message names the input and rule. */
public final class BakeInputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String input;

    public BakeInputException(String input, String rule) {
        super(input + " " + rule);
        this.input = input;
    }

    /** The name of the offending input, e.g. {@code repository} or {@code tags[1]}. */
    public String input() {
        return input;
    }
}
