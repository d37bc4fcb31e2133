package io.jenkins.plugins.kubernetesdelivery.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small app's manifests for the CLI tests: a Deployment {@code web} of two pods and a Service {@code web}. */
final class Manifests {

    private Manifests() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: web
                        image: web
                        ports:
                        - name: http
                          containerPort: 8080
                """);
        Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 80
                    targetPort: http
                """);
        Files.writeString(dir.resolve("README.txt"), "not a manifest: -f DIR reads .yaml, .yml and .json only\n");
        return dir;
    }

    /** A digest-pinned reference of build {@code n}. */
    static String image(int n) {
        return "registry.example.com/shop/web@sha256:" + String.format("%064x", n);
    }
}
