package io.jenkins.plugins.casc;

import io.jenkins.plugins.casc.yaml.YamlSource;

/** Real supertype: {@code ManagementLink}, left out. */
public class ConfigurationAsCode {

    public void configureWith(YamlSource source) throws ConfiguratorException {
        throw new UnsupportedOperationException();
    }

    public static ConfigurationAsCode get() {
        throw new UnsupportedOperationException();
    }
}
