package hudson.model;

/** The constants {@link Result} uses; their icon data is left out. */
public enum BallColor {
    RED,
    YELLOW,
    BLUE,
    ABORTED,
    NOTBUILT
}
