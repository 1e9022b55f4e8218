package io.kse.keycloak.mfa.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void keycloakAndFederatedIdsAreWellFormed() {
        assertThat(UserIds.wellFormed("3f2b8c1e-7a4d-4b0e-9c55-2d1e6f8a9b01")).isTrue();
        assertThat(UserIds.wellFormed("f:ldap-provider:jdoe")).isTrue();
        assertThat(UserIds.wellFormed("a".repeat(UserIds.MAX_LENGTH))).isTrue();
    }

    @Test
    void missingOversizedAndForeignCharactersAreNot() {
        assertThat(UserIds.wellFormed(null)).isFalse();
        assertThat(UserIds.wellFormed("")).isFalse();
        assertThat(UserIds.wellFormed("a".repeat(UserIds.MAX_LENGTH + 1))).isFalse();
        assertThat(UserIds.wellFormed("not an id")).isFalse();
        assertThat(UserIds.wellFormed("<script>")).isFalse();
        assertThat(UserIds.wellFormed("../users")).isFalse();
        assertThat(UserIds.wellFormed("id\n")).isFalse();
    }
}
