package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Left out: {@code @ExportedBean}, {@code @Exported} on the getters. */
public abstract class Cause {

    public abstract String getShortDescription();

    /** Trivial bodies, as the real ones: tests make causes. */
    public static class UserIdCause extends Cause {

        @CheckForNull
        private String userId;

        public UserIdCause(@CheckForNull String userId) {
            this.userId = userId;
        }

        @CheckForNull
        public String getUserId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException();
        }
    }
}
