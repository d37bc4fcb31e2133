package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import java.util.Arrays;
import java.util.List;

/**
 * What the shared HTTP side of clients depends on: the server, how it is trusted, who the client is (certificates,
 * token, user), proxies and connection settings. Two configurations with the same key share one {@link Transport};
 * they may differ in what each client applies on its own (namespace, user agent, request timeouts). The values
 * include credentials: {@link #toString()} names the server only.
 */
record TransportKey(String server, List<Object> settings) {

    static TransportKey of(Config c) {
        return new TransportKey(
                c.getMasterUrl(),
                Arrays.asList(
                        c.getCaCertData(),
                        c.getCaCertFile(),
                        c.getClientCertData(),
                        c.getClientCertFile(),
                        c.getClientKeyData(),
                        c.getClientKeyFile(),
                        c.getClientKeyAlgo(),
                        c.getClientKeyPassphrase(),
                        c.getKeyStoreFile(),
                        c.getTrustStoreFile(),
                        c.isTrustCerts(),
                        c.isDisableHostnameVerification(),
                        c.getOauthToken(),
                        c.getUsername(),
                        c.getPassword(),
                        c.getHttpProxy(),
                        c.getHttpsProxy(),
                        c.getNoProxy() == null ? null : Arrays.asList(c.getNoProxy()),
                        c.getProxyUsername(),
                        c.getProxyPassword(),
                        c.isHttp2Disable(),
                        c.getTlsVersions() == null ? null : Arrays.asList(c.getTlsVersions()),
                        c.getConnectionTimeout(),
                        c.getWebsocketPingInterval()));
    }

    @Override
    public String toString() {
        return "transport to " + ServerUrls.forMessage(String.valueOf(server));
    }
}
