/**
 * The delivery engine: cluster access, image bake, releases and approval policy, with no Jenkins types.
 * It talks to its callers through small ports (progress listener, workspace files, resolved credentials),
 * so the Jenkins layer beside it only translates, validates and delegates.
 */
package io.jenkins.plugins.kubernetesdelivery.engine;
