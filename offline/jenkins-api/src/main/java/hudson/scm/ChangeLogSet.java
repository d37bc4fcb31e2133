package hudson.scm;

import hudson.model.User;
import java.util.Collection;

/** Left out: {@code @ExportedBean}. Entries declare every abstract member: tests may subclass them. */
public abstract class ChangeLogSet<T extends ChangeLogSet.Entry> implements Iterable<T> {

    public abstract boolean isEmptySet();

    public abstract static class Entry {

        /** Trivial body, as the real default: SCMs that know the commit override it. */
        public String getCommitId() {
            return null;
        }

        /** Trivial body, as the real default. */
        public long getTimestamp() {
            return -1;
        }

        public abstract String getMsg();

        public abstract User getAuthor();

        public abstract Collection<String> getAffectedPaths();
    }
}
