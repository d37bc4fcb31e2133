package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A mock API server script for fault injection: responses queued per "METHOD path" (query ignored; a watch is
 * "WATCH path"), the last one repeating; every request recorded. Unscripted requests get 404.
 */
final class ScriptedDispatcher extends Dispatcher {

    private final Map<String, Deque<MockResponse>> script = new LinkedHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    static MockResponse json(int code, Object body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }

    static MockResponse status(int code, String reason, String message) {
        return json(
                code,
                Map.of(
                        "kind",
                        "Status",
                        "apiVersion",
                        "v1",
                        "status",
                        "Failure",
                        "code",
                        code,
                        "reason",
                        reason,
                        "message",
                        message));
    }

    /** A watch that stays open without events. */
    static MockResponse quietWatch() {
        return new MockResponse()
                .setResponseCode(200)
                .setBodyDelay(60, TimeUnit.SECONDS)
                .setBody("");
    }

    /** A watch (a WebSocket, as fabric8 opens it) that sends the given events, one JSON message each, then idles. */
    static MockResponse watchEvents(Object... events) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                for (Object e : events) {
                    socket.send(Serialization.asJson(e));
                }
            }
        });
    }

    synchronized ScriptedDispatcher on(String methodAndPath, MockResponse... responses) {
        script.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        boolean watch = path.contains("watch=true");
        int q = path.indexOf('?');
        String key = (watch ? "WATCH" : request.getMethod()) + " " + (q < 0 ? path : path.substring(0, q));
        requests.add(key);
        bodies.add(request.getUtf8Body());
        Deque<MockResponse> queue = script.get(key);
        if (queue == null || queue.isEmpty()) {
            return status(404, "NotFound", "not scripted: " + key);
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    long count(String key) {
        synchronized (requests) {
            return requests.stream().filter(key::equals).count();
        }
    }
}
