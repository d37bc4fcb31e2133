package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

/** Trivial bodies: offline tests read the kind and the message of a validation result. */
public abstract class FormValidation extends IOException implements HttpResponse {

    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation error(String message) {
        return new FormValidation(Kind.ERROR, message) {
            @Override
            public String renderHtml() {
                throw new UnsupportedOperationException();
            }
        };
    }

    public static FormValidation warning(String message) {
        return new FormValidation(Kind.WARNING, message) {
            @Override
            public String renderHtml() {
                throw new UnsupportedOperationException();
            }
        };
    }

    public static FormValidation ok(String message) {
        return new FormValidation(Kind.OK, message) {
            @Override
            public String renderHtml() {
                throw new UnsupportedOperationException();
            }
        };
    }

    public static FormValidation ok() {
        return ok(null);
    }

    public abstract String renderHtml();
}
