package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine tells its caller when a Service switch is in flight (what a step's blocksRestart() answers). */
@Tag("cluster")
class SwitchInFlightClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** Lines and switch marks in the order they came from the operation's thread. */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private ReleaseEngine engine() {
        return new ReleaseEngine(
                ns.client(),
                new ProgressListener() {
                    @Override
                    public void line(String line) {
                        if (line.contains(" switched from ")) {
                            events.add(line);
                        }
                    }

                    @Override
                    public void switchInFlight(boolean inFlight) {
                        events.add("in flight: " + inFlight);
                    }
                },
                Clock.systemUTC());
    }

    @Test
    void deployAndRollbackMarkTheirSwitchAndNothingElse() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        engine().deploy(f.request(1).build());
        events.clear();
        engine().deploy(f.request(2).build());
        assertThat(events)
                .containsExactly(
                        "in flight: true",
                        ServiceSwitcher.switchLine(ns.name(), "web", "v1", "v2", true),
                        "in flight: false");

        events.clear();
        engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", "v2 is slow"));
        assertThat(events)
                .containsExactly(
                        "in flight: true",
                        ServiceSwitcher.switchLine(ns.name(), "web", "v2", "v1", true),
                        "in flight: false");

        events.clear();
        engine().rollback(new RollbackRequest("web", ns.name(), "v1", "bob", "already live"));
        assertThat(events).as("a target that is live switches nothing").isEmpty();
    }
}
