package org.jenkinsci.plugins.workflow.support.steps.input;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;

/**
 * Trivial bodies, as the real ones: tests put one on a fake {@code FlowNode} (who approved an input there). The
 * display name is the real one's English text.
 */
public class InputSubmittedAction implements PersistentAction {

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private final String approver;

    public InputSubmittedAction(String approver, @CheckForNull Map<String, Object> parameters) {
        this.approver = approver;
        if (parameters != null) {
            this.parameters.putAll(parameters);
        }
    }

    @NonNull
    public Map<String, Object> getParameters() {
        return parameters;
    }

    @CheckForNull
    public String getApprover() {
        return approver;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Input Submitted";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
