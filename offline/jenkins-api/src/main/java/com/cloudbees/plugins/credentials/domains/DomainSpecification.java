package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import java.io.Serializable;

/** Its abstract {@code test(DomainRequirement)} (and the nested {@code Result}) are left out: nothing here subclasses it. */
public abstract class DomainSpecification extends AbstractDescribableImpl<DomainSpecification>
        implements ExtensionPoint, Serializable {}
