package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {

    public ListBoxModel() {}

    /** Trivial: offline tests read the options. */
    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value));
    }

    public static final class Option {

        @NonNull
        public String name;

        @NonNull
        public String value;

        public Option(@NonNull String name, @NonNull String value) {
            this.name = name;
            this.value = value;
        }
    }
}
