package org.jenkinsci.plugins.workflow.graph;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Actionable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/**
 * Trivial bodies where the real ones work for a node made by a test with a null {@link FlowExecution} (a fake
 * Pipeline graph): the id, the in-memory action list, {@code addAction}, and finding a {@link PersistentAction} by
 * type. Like the real one, finding any other action type needs a running Jenkins (here: throws). Left out:
 * {@code @ExportedBean}, {@code Saveable}; the real node also saves its actions through its execution.
 */
public abstract class FlowNode extends Actionable {

    private transient CopyOnWriteArrayList<Action> actions = new CopyOnWriteArrayList<>();

    private transient final FlowExecution exec;

    private String id;

    protected FlowNode(FlowExecution exec, String id, List<FlowNode> parents) {
        this.id = id;
        this.exec = exec;
    }

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
        this.exec = exec;
    }

    public String getId() {
        return id;
    }

    public @NonNull FlowExecution getExecution() {
        throw new UnsupportedOperationException();
    }

    public List<FlowNode> getParents() {
        throw new UnsupportedOperationException();
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    protected abstract String getTypeDisplayName();

    @CheckForNull
    public final <T extends Action> T getPersistentAction(@NonNull Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    @Override
    @CheckForNull
    public <T extends Action> T getAction(Class<T> type) {
        if (PersistentAction.class.isAssignableFrom(type)) {
            return getPersistentAction(type);
        }
        throw new UnsupportedOperationException("stand-in: needs Jenkins (TransientActionFactory)");
    }

    @NonNull
    @Override
    public List<Action> getActions() {
        return actions;
    }
}
