/**
 * The delivery engine: cluster access, image bake, releases and approval policy, with no Jenkins types.
 * It talks to its callers through small ports ({@link io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener},
 * workspace files, resolved credentials), so the Jenkins layer beside it only translates, validates and delegates.
 *
 * <h2>Errors</h2>
 * Every anticipated failure of an engine call is a
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException} (unchecked): a one-line {@code reason()},
 * the {@code problems()} of an invalid request, the {@code details()} to show after it. The caller reports it
 * without a stack trace.
 * <ul>
 *   <li>Invalid input: {@code DeliveryException.invalid(what, problems)}, "… is invalid; nothing in the cluster
 *       changed", with <em>every</em> problem found, each naming the input and the rule. Thrown before the first
 *       request to the cluster by {@code ReleaseEngine.deploy} and {@code rollback}, {@code ImageBaker.prepare} (the
 *       context included) and {@code ClusterConfigs.toConfig}; the same lists come from
 *       {@code ReleaseRequest.validate()}, {@code RollbackRequest.validate()}, {@code BakeRequest.validate()} and
 *       {@code ClusterConfigs.validate}, for form checks.</li>
 *   <li>Everything else: {@code ReleaseException} from {@code ReleaseEngine} (deploy, rollback, resume, releases,
 *       history; a request the Kubernetes API refused included), {@code BakeException} from {@code Bake.run()} and
 *       {@code ImageBaker.find/sweep/cleanup} (its details are the builder's last log lines), a plain
 *       {@code DeliveryException} from cluster access (a kubeconfig that cannot be used, in-cluster access outside a
 *       pod, empty credentials).</li>
 *   <li>Not an anticipated failure: a checked {@link java.io.IOException} from {@code ImageBaker.prepare} when the
 *       workspace port cannot read the workspace (a port failure, not bad input), and
 *       {@link java.lang.IllegalArgumentException} / {@link java.lang.IllegalStateException} for a programming error
 *       (a handle of another app or kind, a bake run twice).</li>
 * </ul>
 *
 * <h2>Interrupts</h2>
 * The calling thread's interrupt is how a caller aborts a blocking call. Clean-up after it runs with the interrupt
 * flag cleared (fabric8 fails every call while it is set) and the flag is set again when the call returns.
 * <ul>
 *   <li>{@code ReleaseEngine.deploy}, {@code rollback}, {@code resume}: the operation fails as any failure does. A
 *       deploy switches back the Services it had switched, scales its release to 0 and records it failed
 *       ("interrupted (the step was aborted)"); a rollback switches back, scales a cold target to 0 again and records
 *       its failure; the Lease is given back; the call throws {@code ReleaseException}. An interrupt while waiting for
 *       the Lease, before anything changed, throws {@code ReleaseException} too. Never interrupt for a controller
 *       shutdown: the operation would be recorded failed instead of resumed.</li>
 *   <li>{@code Bake.run()}: the builder pod and its Secret are deleted and the call throws
 *       {@code BakeException.Cancelled}, as after {@code Bake.cancel()} from another thread (which also deletes the
 *       pod at once: an interrupt alone can be swallowed inside fabric8's upload).</li>
 *   <li>{@code ImageBaker.prepare} does not wait on the cluster; an interrupt while the workspace port reads reaches
 *       the caller however the port reports it (an {@code IOException}).</li>
 * </ul>
 */
package io.jenkins.plugins.kubernetesdelivery.engine;
