/**
 * Approval policy decisions, with no Jenkins types: who may approve a deploy to an environment
 * ({@link io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalRules}), when a pending approval times out
 * ({@link io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDeadline}), and what approvers are shown: the
 * candidate against the live release of the environment, read through the release engine
 * ({@link io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPreview}). The step layer
 * ({@code approveFor}, and {@code deployLabeled}, which enforces the policy again) supplies the facts from Jenkins.
 */
package io.jenkins.plugins.kubernetesdelivery.engine.approval;
