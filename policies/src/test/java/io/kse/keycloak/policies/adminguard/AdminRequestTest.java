package io.kse.keycloak.policies.adminguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminRequestTest {

    @Test
    void recognisesUserCreation() {
        assertThat(AdminRequest.of("POST", "/admin/realms/kse/users").isUserCreation()).isTrue();
        assertThat(AdminRequest.of("post", "admin/realms/kse/users/").isUserCreation()).isTrue();
    }

    @Test
    void otherUserRequestsAreNotCreation() {
        assertThat(AdminRequest.of("GET", "/admin/realms/kse/users").isUserCreation()).isFalse();
        assertThat(AdminRequest.of("POST", "/admin/realms/kse/users/42/logout").isUserCreation()).isFalse();
        assertThat(AdminRequest.of("POST", "/admin/realms/kse/logout-all").isUserCreation()).isFalse();
    }

    @Test
    void findsTheSessionOfASessionDeletion() {
        assertThat(AdminRequest.of("DELETE", "/admin/realms/kse/sessions/abc").sessionId()).isEqualTo("abc");
        assertThat(AdminRequest.of("GET", "/admin/realms/kse/sessions/abc").sessionId()).isNull();
        assertThat(AdminRequest.of("DELETE", "/admin/realms/kse/users/abc").sessionId()).isNull();
    }

    @Test
    void ignoresNonAdminPathsAndMissingRequests() {
        assertThat(AdminRequest.of("POST", "/realms/kse/users").isUserCreation()).isFalse();
        assertThat(AdminRequest.of("DELETE", "/realms/kse/sessions/abc").sessionId()).isNull();
        assertThat(AdminRequest.of(null, null).isUserCreation()).isFalse();
        assertThat(AdminRequest.of("POST", "/admin/realms").isUserCreation()).isFalse();
    }
}
