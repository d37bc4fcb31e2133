package hudson.console;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import hudson.model.User;

public class ModelHyperlinkNote extends HyperlinkNote {

    public ModelHyperlinkNote(String url, int length) {
        super(url, length);
    }

    public static String encodeTo(@NonNull User u) {
        throw new UnsupportedOperationException();
    }

    public static String encodeTo(Run r) {
        throw new UnsupportedOperationException();
    }
}
