package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

public class MockAuthorizationStrategy extends AuthorizationStrategy {

    public MockAuthorizationStrategy() {}

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException();
    }

    public class Grant {

        public GrantOn everywhere() {
            throw new UnsupportedOperationException();
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException();
        }

        public class GrantOn {

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException();
            }
        }
    }
}
