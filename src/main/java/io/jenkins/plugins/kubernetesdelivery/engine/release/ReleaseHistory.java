package io.jenkins.plugins.kubernetesdelivery.engine.release;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history of an app in a namespace, stored as JSON in the ConfigMap {@code <app>-releases} (key
 * {@code history.json}); the format is documented in docs/releases.md. Immutable: changes return a copy.
 *
 * @param format the format version, 1
 * @param lastRelease the highest release number allocated so far
 * @param live the live release, or {@code null}
 * @param previous the release live before it, kept warm, or {@code null}
 * @param pin the pin left by the last rollback, or {@code null}
 * @param current the operation in flight, or {@code null}
 * @param entries finished deploys and rollbacks, newest first, at most {@link #MAX_ENTRIES}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReleaseHistory(int format, int lastRelease, String live, String previous, Pin pin, Operation current,
        List<Entry> entries) {

    public static final int FORMAT = 1;
    public static final int MAX_ENTRIES = 50;

    public ReleaseHistory {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static ReleaseHistory empty() {
        return new ReleaseHistory(FORMAT, 0, null, null, null, null, List.of());
    }

    /** Why a rollback pinned the app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pin(String release, String by, String reason, String at) {}

    /** The operation in flight; {@code phase} says how far it got. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(String id, String action, String release, String from, String phase, String by,
            String startedAt) {
        public Operation withPhase(String p) {
            return new Operation(id, action, release, from, p, by, startedAt);
        }
    }

    /** One finished deploy or rollback. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String operation, String action, String release, String from, String outcome, String message,
            String by, String at, List<String> images, String gitCommit, String buildUrl, String schemaVersion,
            String approver, String reason, String live, String previous, String pinnedTo) {}

    public ReleaseHistory withCurrent(Operation op) {
        return new ReleaseHistory(format, lastRelease, live, previous, pin, op, entries);
    }

    /** Allocates the next release number and records the operation that deploys it. */
    public ReleaseHistory allocate(Operation op) {
        return new ReleaseHistory(format, lastRelease + 1, live, previous, pin, op, entries);
    }

    /** Records a finished operation with the pointers after it. */
    public ReleaseHistory finish(Entry entry, String newLive, String newPrevious, Pin newPin) {
        List<Entry> list = new ArrayList<>();
        list.add(entry);
        list.addAll(entries);
        return new ReleaseHistory(format, lastRelease, newLive, newPrevious, newPin, null,
                list.subList(0, Math.min(list.size(), MAX_ENTRIES)));
    }

    /** The finished entry of an operation, if it is still in the history. */
    public Optional<Entry> entryOf(String operationId) {
        return entries.stream().filter(e -> operationId.equals(e.operation())).findFirst();
    }
}
