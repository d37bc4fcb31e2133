package org.jenkinsci.remoting;

import java.io.Serializable;

/** Left out: the default {@code getChannelForSerialization()} (it needs remoting's {@code Channel}). */
public interface SerializableOnlyOverRemoting extends Serializable {}
