package io.jenkins.plugins.kubernetesdelivery.engine.release;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
public record ReleaseHistory(
        int format, int lastRelease, String live, String previous, Pin pin, Operation current, List<Entry> entries) {

    public static final int FORMAT = 1;
    public static final int MAX_ENTRIES = 50;

    public ReleaseHistory {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static ReleaseHistory empty() {
        return new ReleaseHistory(FORMAT, 0, null, null, null, null, List.of());
    }

    /** The values of {@code action}, in {@link Operation} and {@link Entry}. */
    public static final class Action {
        public static final String DEPLOY = "deploy";
        public static final String ROLLBACK = "rollback";
        /** A pin lifted without a deploy ({@link ReleaseEngine#unpin}); its {@code release} is the pinned one. */
        public static final String UNPIN = "unpin";

        private Action() {}
    }

    /** The values of {@link Entry#outcome}. */
    public static final class Outcome {
        public static final String SUCCEEDED = "succeeded";
        public static final String FAILED = "failed";

        private Outcome() {}
    }

    /**
     * The values of {@link Operation#phase}: how far the operation in flight got. A deploy goes
     * {@link #ALLOCATED} → {@link #APPLIED} → {@link #SWITCHING}; a rollback {@link #SCALING} (a cold target) →
     * {@link #SWITCHING}.
     */
    public static final class Phase {
        public static final String ALLOCATED = "allocated";
        public static final String APPLIED = "applied";
        public static final String SWITCHING = "switching";
        public static final String SCALING = "scaling";

        private Phase() {}
    }

    /** Why a rollback pinned the app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pin(String release, String by, String reason, String at) {}

    /**
     * The operation in flight; {@code phase} says how far it got. {@code requestHash} is the
     * {@link ReleaseRequest#inputHash()} of the deploy's request ({@code null} for a rollback, and for a deploy
     * recorded before it existed): a resume with a request of another hash is refused.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(
            String id,
            String action,
            String release,
            String from,
            String phase,
            String by,
            String startedAt,
            String requestHash) {

        /** An operation without a request hash (a rollback). */
        public Operation(
                String id, String action, String release, String from, String phase, String by, String startedAt) {
            this(id, action, release, from, phase, by, startedAt, null);
        }

        public Operation withPhase(String p) {
            return new Operation(id, action, release, from, p, by, startedAt, requestHash);
        }
    }

    /**
     * One finished deploy or rollback; {@code live} and {@code previous} are the pointers after it. Built with
     * {@link #deploy}, {@link #rollback} or {@link #abandoned}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            String operation,
            String action,
            String release,
            String from,
            String outcome,
            String message,
            String by,
            String at,
            List<String> images,
            String gitCommit,
            String buildUrl,
            String schemaVersion,
            String approver,
            String reason,
            String live,
            String previous,
            String pinnedTo,
            String content,
            Map<String, String> shared) {

        /** An entry without shared objects' hashes (see {@link #withShared}). */
        public Entry(
                String operation,
                String action,
                String release,
                String from,
                String outcome,
                String message,
                String by,
                String at,
                List<String> images,
                String gitCommit,
                String buildUrl,
                String schemaVersion,
                String approver,
                String reason,
                String live,
                String previous,
                String pinnedTo,
                String content) {
            this(
                    operation,
                    action,
                    release,
                    from,
                    outcome,
                    message,
                    by,
                    at,
                    images,
                    gitCommit,
                    buildUrl,
                    schemaVersion,
                    approver,
                    reason,
                    live,
                    previous,
                    pinnedTo,
                    content,
                    null);
        }

        /** An entry without a content hash (see {@link ReleaseRequest#contentHash()}). */
        public Entry(
                String operation,
                String action,
                String release,
                String from,
                String outcome,
                String message,
                String by,
                String at,
                List<String> images,
                String gitCommit,
                String buildUrl,
                String schemaVersion,
                String approver,
                String reason,
                String live,
                String previous,
                String pinnedTo) {
            this(
                    operation,
                    action,
                    release,
                    from,
                    outcome,
                    message,
                    by,
                    at,
                    images,
                    gitCommit,
                    buildUrl,
                    schemaVersion,
                    approver,
                    reason,
                    live,
                    previous,
                    pinnedTo,
                    null);
        }

        /** This entry recording the content hash of the release it deployed. */
        public Entry withContent(String contentHash) {
            return new Entry(
                    operation,
                    action,
                    release,
                    from,
                    outcome,
                    message,
                    by,
                    at,
                    images,
                    gitCommit,
                    buildUrl,
                    schemaVersion,
                    approver,
                    reason,
                    live,
                    previous,
                    pinnedTo,
                    contentHash,
                    shared);
        }

        /**
         * This entry recording the shared objects as the deploy left them applied ({@code Kind/name} → hash, see
         * {@link SharedObjects}); {@code null} or empty records none.
         */
        public Entry withShared(Map<String, String> hashes) {
            return new Entry(
                    operation,
                    action,
                    release,
                    from,
                    outcome,
                    message,
                    by,
                    at,
                    images,
                    gitCommit,
                    buildUrl,
                    schemaVersion,
                    approver,
                    reason,
                    live,
                    previous,
                    pinnedTo,
                    content,
                    hashes == null || hashes.isEmpty() ? null : new TreeMap<>(hashes));
        }

        /** The deploy {@code op} of the release {@code m} finished ({@code message} says why it failed, if it did). */
        public static Entry deploy(
                Operation op,
                ReleaseMetadata m,
                String outcome,
                String message,
                String at,
                boolean unpinned,
                String live,
                String previous) {
            return new Entry(
                    op.id(),
                    Action.DEPLOY,
                    op.release(),
                    op.from(),
                    outcome,
                    oneLine(message),
                    op.by(),
                    at,
                    m.images(),
                    m.gitCommit(),
                    m.buildUrl(),
                    m.schemaVersion(),
                    m.approver(),
                    unpinned ? "unpinned" : null,
                    live,
                    previous,
                    null);
        }

        /**
         * The rollback {@code op} to the release {@code m} finished; a succeeded one pinned the app to its target.
         * {@code m} is {@code null} for a failed one, which records no release details.
         */
        public static Entry rollback(
                Operation op,
                ReleaseMetadata m,
                String outcome,
                String message,
                String at,
                String reason,
                String live,
                String previous) {
            boolean succeeded = Outcome.SUCCEEDED.equals(outcome);
            return new Entry(
                    op.id(),
                    Action.ROLLBACK,
                    op.release(),
                    op.from(),
                    outcome,
                    oneLine(message),
                    op.by(),
                    at,
                    m == null ? null : m.images(),
                    m == null ? null : m.gitCommit(),
                    m == null ? null : m.buildUrl(),
                    m == null ? null : m.schemaVersion(),
                    m == null ? null : m.approver(),
                    reason,
                    live,
                    previous,
                    succeeded ? op.release() : null);
        }

        /** An operation whose process died in flight, recorded as failed by the one that took its Lease. */
        public static Entry abandoned(Operation stale, String message, String at, String live, String previous) {
            return new Entry(
                    stale.id(),
                    stale.action(),
                    stale.release(),
                    stale.from(),
                    Outcome.FAILED,
                    oneLine(message),
                    stale.by(),
                    at,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    live,
                    previous,
                    null);
        }

        /**
         * The pin {@code pin} lifted by {@code by} without a deploy; {@code live} and {@code previous} are unchanged.
         */
        public static Entry unpin(
                String operation, Pin pin, String by, String reason, String at, String live, String previous) {
            return new Entry(
                    operation,
                    Action.UNPIN,
                    pin.release(),
                    null,
                    Outcome.SUCCEEDED,
                    null,
                    by,
                    at,
                    null,
                    null,
                    null,
                    null,
                    null,
                    reason,
                    live,
                    previous,
                    null);
        }

        /** Whether the operation succeeded. */
        @JsonIgnore
        public boolean succeeded() {
            return Outcome.SUCCEEDED.equals(outcome);
        }

        private static String oneLine(String message) {
            return message == null ? null : ApiErrors.oneLine(message);
        }
    }

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
        return new ReleaseHistory(
                format,
                lastRelease,
                newLive,
                newPrevious,
                newPin,
                null,
                list.subList(0, Math.min(list.size(), MAX_ENTRIES)));
    }

    /** Records {@code entry} and lifts the pin; an operation in flight stays in flight. */
    public ReleaseHistory withoutPin(Entry entry) {
        List<Entry> list = new ArrayList<>();
        list.add(entry);
        list.addAll(entries);
        return new ReleaseHistory(
                format,
                lastRelease,
                live,
                previous,
                null,
                current,
                list.subList(0, Math.min(list.size(), MAX_ENTRIES)));
    }

    /**
     * The content hash the live release was deployed with: that of the newest succeeded deploy of it, or
     * {@code null} when unknown (deployed before content was recorded).
     */
    @JsonIgnore
    public String liveContent() {
        return live == null
                ? null
                : entries.stream()
                        .filter(e -> live.equals(e.release()) && Action.DEPLOY.equals(e.action()) && e.succeeded())
                        .findFirst()
                        .map(Entry::content)
                        .orElse(null);
    }

    /**
     * The shared objects as this app last applied them ({@code Kind/name} → hash): those the newest deploy recorded,
     * when it succeeded; empty when it failed (it may have created shared objects) or recorded none. Rollbacks and
     * unpins change no shared object of their own and are skipped.
     */
    @JsonIgnore
    public Map<String, String> sharedApplied() {
        return entries.stream()
                .filter(e -> Action.DEPLOY.equals(e.action()))
                .findFirst()
                .filter(e -> e.succeeded() && e.shared() != null)
                .map(Entry::shared)
                .orElse(Map.of());
    }

    /** The finished entry of an operation, if it is still in the history. */
    public Optional<Entry> entryOf(String operationId) {
        return entries.stream().filter(e -> operationId.equals(e.operation())).findFirst();
    }
}
