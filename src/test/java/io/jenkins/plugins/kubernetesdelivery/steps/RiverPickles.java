package io.jenkins.plugins.kubernetesdelivery.steps;

import hudson.FilePath;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.ObjectResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Pickles a step execution (or anything) the way workflow-support saves a Pipeline's program state to
 * {@code program.dat}: JBoss Marshalling River (2.3.0, as workflow-support 1015 bundles), default configuration, an
 * {@link ObjectResolver} that swaps special objects for capsules, and a class resolver on the test's class loader.
 *
 * <p>Like workflow-support's {@code SecretPickle}, a {@link Secret} is not written into the main stream: it becomes a
 * capsule and the object is kept aside ({@link Pickled#ephemerals()}; Pipeline writes its encrypted form there), so
 * scanning {@link Pickled#program()} for a secret value is meaningful.
 *
 * <p>Limitations: Pipeline restores {@code FilePath}, {@code Executor}, {@code Computer} and a few more through pickle
 * factories of other plugins (workflow-durable-task-step), which need a running Jenkins and an agent; a {@code Run},
 * {@code Job}, {@code TaskListener}, {@code FlowNode} or {@code FlowExecution} is not something an execution should
 * keep at all. This helper has no pickle factories and refuses all of those types (the message names them), so an
 * execution that passes here keeps only ids and plain data in its non-transient fields and gets those objects from
 * its context again in {@code onResume()}. A {@code Thread}, future or Kubernetes client in a non-transient field
 * fails as in Pipeline ({@link NotSerializableException}).
 */
public final class RiverPickles {

    private static final List<Class<?>> REFUSED =
            List.of(Run.class, Job.class, TaskListener.class, FilePath.class, FlowNode.class, FlowExecution.class);

    private RiverPickles() {}

    /** What {@link #pickle} writes: the program stream and the objects set aside in capsules. */
    public record Pickled(byte[] program, List<Object> ephemerals) {}

    public static Pickled pickle(Object root) throws IOException {
        List<Object> ephemerals = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object o) {
                throw new IllegalStateException();
            }

            @Override
            public Object writeReplace(Object o) {
                if (o instanceof Secret) {
                    ephemerals.add(o);
                    return new Capsule(ephemerals.size() - 1);
                }
                for (Class<?> type : REFUSED) {
                    if (type.isInstance(o)) {
                        refused.add(type.getName() + " (" + o.getClass().getName() + ")");
                        return null;
                    }
                }
                return o;
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Marshaller marshaller = new RiverMarshallerFactory().createMarshaller(config);
        marshaller.start(Marshalling.createByteOutput(bytes));
        marshaller.writeObject(root);
        marshaller.finish();
        if (!refused.isEmpty()) {
            throw new NotSerializableException(
                    "Pipeline would not restore these from a step execution's fields: " + refused
                            + "; keep ids in non-transient fields and get the objects from the context in onResume()");
        }
        return new Pickled(bytes.toByteArray(), List.copyOf(ephemerals));
    }

    public static <T> T unpickle(Pickled pickled, Class<T> type) throws IOException, ClassNotFoundException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setClassResolver(new SimpleClassResolver(RiverPickles.class.getClassLoader()));
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object o) {
                return o instanceof Capsule c ? pickled.ephemerals().get(c.index) : o;
            }

            @Override
            public Object writeReplace(Object o) {
                throw new IllegalStateException();
            }
        });
        Unmarshaller unmarshaller = new RiverMarshallerFactory().createUnmarshaller(config);
        unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(pickled.program())));
        Object o = unmarshaller.readObject();
        unmarshaller.finish();
        return type.cast(o);
    }

    /** Pickles and unpickles: what a controller restart does to an execution. */
    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(T root) throws IOException, ClassNotFoundException {
        return (T) unpickle(pickle(root), root.getClass());
    }

    /** Stands for a set-aside object in the program stream (workflow-support's is {@code DryCapsule}). */
    private static final class Capsule implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int index;

        Capsule(int index) {
            this.index = index;
        }
    }
}
