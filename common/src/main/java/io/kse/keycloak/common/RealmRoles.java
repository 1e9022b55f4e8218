package io.kse.keycloak.common;

/** Names of the realm roles that the realm template creates and that our providers rely on. */
public final class RealmRoles {

    public static final String ROOT = "root";
    public static final String ADMIN = "admin";
    public static final String BILLING = "billing";
    public static final String DEVELOPER = "developer";
    public static final String MONITOR = "monitor";

    /**
     * Marker role for MFA: roles that must use MFA contain it (root and admin do), so a user holds it directly, through
     * a composite or through a group exactly when MFA is required. It grants nothing by itself.
     */
    public static final String MFA_REQUIRED = "mfa-required";

    private RealmRoles() {
    }
}
