package io.kse.keycloak.policies.adminguard;

/**
 * The guard's decisions, free of Keycloak types so that they can be tested on their own. "Protected" means holding
 * the protected role (root) directly, through a composite role or through a group.
 */
final class GuardRules {

    private GuardRules() {
    }

    /**
     * A requester may manage a named user unless it is themselves (nobody edits their own account or role mappings
     * through the admin API) or the user is protected and the requester is not.
     */
    static boolean mayActOnUser(String requesterId, boolean requesterProtected, String targetId,
            boolean targetProtected) {
        if (requesterId == null || requesterId.equals(targetId)) {
            return false;
        }
        return requesterProtected || !targetProtected;
    }

    /**
     * Requests that need "manage" on all users without naming one (create user, logout-all, clear all brute-force
     * state, ...) may also touch protected users; only creating a user cannot, so that is all a non-protected
     * requester gets.
     */
    static boolean mayActOnAllUsers(boolean requesterProtected, boolean userCreation) {
        return requesterProtected || userCreation;
    }

    /** Mapping or unmapping a role that is or contains the protected role needs the protected role. */
    static boolean mayMapRole(boolean requesterProtected, boolean roleGrantsProtected) {
        return requesterProtected || !roleGrantsProtected;
    }
}
