package hudson.plugins.git;

/** From git-client. Left out: {@code @ExportedBean}; the constructors (they take JGit's {@code ObjectId}). */
public class Revision implements java.io.Serializable, Cloneable {

    public String getSha1String() {
        throw new UnsupportedOperationException();
    }
}
