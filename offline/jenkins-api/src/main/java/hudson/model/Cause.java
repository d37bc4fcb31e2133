package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Left out: {@code @ExportedBean}; {@code getShortDescription} (nobody subclasses it here). */
public abstract class Cause {

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
    }
}
