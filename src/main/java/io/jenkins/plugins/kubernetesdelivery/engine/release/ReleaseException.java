package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;

/**
 * An anticipated failure of a deploy, rollback or resume: the reason says what failed, why, what is live now and
 * what to do. An invalid request is a plain {@link DeliveryException#invalid}.
 */
public class ReleaseException extends DeliveryException {

    private static final long serialVersionUID = 1L;

    public ReleaseException(String reason) {
        super(reason);
    }

    public ReleaseException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
