package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The {@code verify:} argument of {@code deployLabeled}: a check pod of {@code image} running {@code command} (argv,
 * never through a shell) against the new release's preview Service before traffic moves to it. In a Jenkinsfile,
 * {@code verify: [image: 'curlimages/curl@sha256:…', command: ['curl', '-fsS', 'http://web-preview/healthz']]}; in the
 * Snippet Generator, one argument per line.
 */
public final class Verify implements Describable<Verify> {

    private final String image;
    private final List<String> command;

    @DataBoundConstructor
    public Verify(String image, List<String> command) {
        this.image = Util.fixEmptyAndTrim(image);
        this.command = command == null
                ? List.of()
                : command.stream().filter(a -> a != null).toList();
    }

    /** The check pod's image. */
    @CheckForNull
    public String getImage() {
        return image;
    }

    /** The command, one argument per entry. */
    @NonNull
    public List<String> getCommand() {
        return command;
    }

    /** The command for the Snippet Generator's text area: one argument per line. */
    @NonNull
    public String getCommandLines() {
        return String.join("\n", command);
    }

    /**
     * What the Snippet Generator's form submits: {@code command} is the text area (one argument per line, blank lines
     * left out), or a list when the form data came as JSON.
     */
    static Verify fromForm(@CheckForNull Object image, @CheckForNull Object command) {
        List<String> args = new ArrayList<>();
        if (command instanceof List<?> list) {
            list.forEach(a -> args.add(String.valueOf(a)));
        } else if (command instanceof String text) {
            text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(args::add);
        }
        return new Verify(image instanceof String s ? s : null, args);
    }

    @Override
    public String toString() {
        return "Verify[" + image + " " + command + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Verify> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Verify_DisplayName();
        }

        /** The command's text area holds one argument per line: Stapler alone would make it one argument. */
        @Override
        public Verify newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            return fromForm(formData.get("image"), formData.get("command"));
        }
    }
}
