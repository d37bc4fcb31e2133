package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.SimpleApp;

/** Generates the manifests of the simple case: one Deployment and one Service named after the app. */
final class SimpleManifests {

    private SimpleManifests() {}

    @SuppressFBWarnings(
            value = "VA_FORMAT_STRING_USES_NEWLINE",
            justification = "YAML text: its line ends are \\n on every platform; %n would make them the platform's")
    static ManifestFile generate(String app, String image, SimpleApp simple) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %3$d
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %1$s
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: %1$s
                    spec:
                      containers:
                      - name: %1$s
                        image: '%2$s'
                        ports:
                        - name: http
                          containerPort: %4$d
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector:
                    app.kubernetes.io/name: %1$s
                  ports:
                  - name: http
                    port: %4$d
                    targetPort: http
                """.formatted(app, image, simple.replicas(), simple.port());
        return new ManifestFile("generated manifests of " + app, yaml);
    }
}
