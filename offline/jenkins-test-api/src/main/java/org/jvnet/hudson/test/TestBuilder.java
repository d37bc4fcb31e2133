package org.jvnet.hudson.test;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.tasks.Builder;
import java.io.IOException;

/** Its abstract member; tests write one-off builders as anonymous subclasses. */
public abstract class TestBuilder extends Builder {

    @Override
    public abstract boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException;
}
