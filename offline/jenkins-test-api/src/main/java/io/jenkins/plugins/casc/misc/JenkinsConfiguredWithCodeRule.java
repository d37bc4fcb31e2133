package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

/** Real supertype: {@code JenkinsConfiguredRule}, which extends {@link JenkinsRule}. */
public class JenkinsConfiguredWithCodeRule extends JenkinsRule {}
