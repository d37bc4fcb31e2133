package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringTokenizer;
import jenkins.agents.ControllerToAgentFileCallable;
import org.apache.tools.ant.BuildException;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.Project;
import org.apache.tools.ant.types.FileSet;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Trivial bodies for a local path (no channel), as the real ones behave there: offline tests read manifests and run
 * file callables over a temporary directory. A path on another channel throws UnsupportedOperationException.
 * Differences: a file callable receives a null channel (the real one gets {@code FilePath.localChannel}); paths are
 * normalized with {@link Path#normalize()} (Unix paths only).
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    private transient VirtualChannel channel;

    private String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel;
        this.remote = Path.of(remote).normalize().toString();
    }

    public FilePath(@NonNull File localPath) {
        this.channel = null;
        this.remote = localPath.toPath().normalize().toString();
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.channel = base.channel;
        this.remote = Path.of(base.remote).resolve(rel.replace('\\', '/')).normalize().toString();
    }

    public String getRemote() {
        return remote;
    }

    public boolean isRemote() {
        return channel != null;
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        if (channel != null) {
            throw new UnsupportedOperationException("stand-in: no remoting channel offline");
        }
        return callable.invoke(new File(remote), null);
    }

    public boolean exists() throws IOException, InterruptedException {
        return act((ControllerToAgentFileCallable<Boolean>) (f, c) -> f.exists());
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return act((ControllerToAgentFileCallable<Boolean>) (f, c) -> f.isDirectory());
    }

    public long length() throws IOException, InterruptedException {
        return act((ControllerToAgentFileCallable<Long>) (f, c) -> f.length());
    }

    public InputStream read() throws IOException, InterruptedException {
        return act((ControllerToAgentFileCallable<InputStream>) (f, c) -> Files.newInputStream(f.toPath()));
    }

    public String readToString() throws IOException, InterruptedException {
        return act((ControllerToAgentFileCallable<String>) (f, c) -> Files.readString(f.toPath(), Charset.defaultCharset()));
    }

    /** Ant glob expansion with Ant's default excludes, as the real one (Apache Ant 1.10.15, which core ships). */
    @NonNull
    public FilePath[] list(final String includes) throws IOException, InterruptedException {
        return act((ControllerToAgentFileCallable<FilePath[]>) (dir, c) -> {
            if (includes.startsWith("/") || includes.matches("[A-Za-z]:[\\\\/].*") || includes.startsWith("\\\\")) {
                throw new IOException("Expecting Ant GLOB pattern, but saw '" + includes
                        + "'. See https://ant.apache.org/manual/Types/fileset.html for syntax");
            }
            FileSet fs = new FileSet();
            fs.setDir(dir);
            fs.setProject(new Project());
            StringTokenizer tokens = new StringTokenizer(includes, ",");
            while (tokens.hasMoreTokens()) {
                fs.createInclude().setName(tokens.nextToken().trim());
            }
            fs.setDefaultexcludes(true);
            DirectoryScanner ds;
            try {
                ds = fs.getDirectoryScanner(new Project());
            } catch (BuildException x) {
                throw new IOException(x.getMessage());
            }
            String[] files = ds.getIncludedFiles();
            FilePath[] r = new FilePath[files.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = new FilePath(new File(dir, files[i]));
            }
            return r;
        });
    }

    @Override
    public String toString() {
        return remote;
    }

    private static final long serialVersionUID = 1L;
}
