package io.kse.keycloak.policies.adminguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardRulesTest {

    @Test
    void nobodyActsOnThemselves() {
        assertThat(GuardRules.mayActOnUser("u1", true, "u1", true)).isFalse();
        assertThat(GuardRules.mayActOnUser("u1", false, "u1", false)).isFalse();
    }

    @Test
    void onlyProtectedRequestersActOnProtectedUsers() {
        assertThat(GuardRules.mayActOnUser("admin", false, "root", true)).isFalse();
        assertThat(GuardRules.mayActOnUser("root1", true, "root2", true)).isTrue();
    }

    @Test
    void anyRequesterActsOnUnprotectedOthers() {
        assertThat(GuardRules.mayActOnUser("admin", false, "dev", false)).isTrue();
        assertThat(GuardRules.mayActOnUser("root", true, "dev", false)).isTrue();
    }

    @Test
    void unknownRequesterGetsNothing() {
        assertThat(GuardRules.mayActOnUser(null, true, "dev", false)).isFalse();
    }

    @Test
    void withoutNamedUserOnlyCreationIsOpenToUnprotectedRequesters() {
        assertThat(GuardRules.mayActOnAllUsers(false, true)).isTrue();
        assertThat(GuardRules.mayActOnAllUsers(false, false)).isFalse();
        assertThat(GuardRules.mayActOnAllUsers(true, false)).isTrue();
    }

    @Test
    void protectedRoleIsMappedOnlyByItsHolders() {
        assertThat(GuardRules.mayMapRole(false, true)).isFalse();
        assertThat(GuardRules.mayMapRole(false, false)).isTrue();
        assertThat(GuardRules.mayMapRole(true, true)).isTrue();
    }
}
