package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Trivial bodies, as the real ones: distinct constants that survive serialization as themselves. */
public final class Result implements Serializable {

    public static final @NonNull Result SUCCESS = new Result("SUCCESS", BallColor.BLUE, 0, true);
    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE", BallColor.YELLOW, 1, true);
    public static final @NonNull Result FAILURE = new Result("FAILURE", BallColor.RED, 2, true);
    public static final @NonNull Result NOT_BUILT = new Result("NOT_BUILT", BallColor.NOTBUILT, 3, false);
    public static final @NonNull Result ABORTED = new Result("ABORTED", BallColor.ABORTED, 4, false);

    private final @NonNull String name;

    public final int ordinal;

    public final @NonNull BallColor color;

    public final boolean completeBuild;

    private Result(@NonNull String name, @NonNull BallColor color, int ordinal, boolean complete) {
        this.name = name;
        this.color = color;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    public boolean isWorseThan(@NonNull Result that) {
        return this.ordinal > that.ordinal;
    }

    @Override
    public @NonNull String toString() {
        return name;
    }

    private Object readResolve() {
        for (Result r : all) {
            if (ordinal == r.ordinal) {
                return r;
            }
        }
        return FAILURE;
    }

    private static final long serialVersionUID = 1L;

    private static final Result[] all = new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED};
}
