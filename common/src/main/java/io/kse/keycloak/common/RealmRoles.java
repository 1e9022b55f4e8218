package io.kse.keycloak.common;

/** Names of the realm roles that the realm template creates and that our providers rely on. */
public final class RealmRoles {

    public static final String ROOT = "root";
    public static final String ADMIN = "admin";
    public static final String BILLING = "billing";
    public static final String DEVELOPER = "developer";
    public static final String MONITOR = "monitor";

    /** Composite marker role: every role it contains (root and admin by default) must use MFA. */
    public static final String MFA_REQUIRED = "mfa-required";

    private RealmRoles() {
    }
}
