package io.kse.keycloak.it.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kse.keycloak.it.support.PolicyCompliantUser;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.InjectUser;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.ManagedUser;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/** The 24h profile as imported from the generated template: a session lives at most 24 hours, however active. */
@KeycloakIntegrationTest
class SessionProfile24hIT {

    private static final Duration ACTIVITY_INTERVAL = Duration.ofMinutes(50);

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectUser(config = PolicyCompliantUser.class, lifecycle = LifeCycle.METHOD)
    ManagedUser user;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void anActiveSessionEndsAfterTwentyFourHours() {
        AccessTokenResponse login = oauth.doPasswordGrantRequest(user.getUsername(), PolicyCompliantUser.PASSWORD);
        assertThat(login.getStatusCode()).isEqualTo(200);

        // Stay active (within the 1 h idle timeout) until just before the 24 h maximum.
        String refreshToken = login.getRefreshToken();
        Duration elapsed = Duration.ZERO;
        while (elapsed.plus(ACTIVITY_INTERVAL).compareTo(Duration.ofHours(24)) < 0) {
            elapsed = elapsed.plus(ACTIVITY_INTERVAL);
            timeOffSet.set((int) elapsed.toSeconds());
            AccessTokenResponse refreshed = oauth.doRefreshTokenRequest(refreshToken);
            assertThat(refreshed.getStatusCode()).as("still active after %s", elapsed).isEqualTo(200);
            refreshToken = refreshed.getRefreshToken();
        }
        assertThat(user.admin().getUserSessions()).hasSize(1);

        timeOffSet.set((int) Duration.ofHours(24).plusMinutes(1).toSeconds());
        AccessTokenResponse afterMax = oauth.doRefreshTokenRequest(refreshToken);

        // The last activity was 41 minutes earlier, well within the 1 h idle timeout: only the maximum ends it.
        assertThat(afterMax.getStatusCode()).isEqualTo(400);
        assertThat(afterMax.getError()).isEqualTo("invalid_grant");
    }

    @Test
    void noConcurrentSessionLimit() {
        List<AccessTokenResponse> logins = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            logins.add(oauth.doPasswordGrantRequest(user.getUsername(), PolicyCompliantUser.PASSWORD));
        }

        assertThat(logins).allSatisfy(login -> assertThat(login.getStatusCode()).isEqualTo(200));
        assertThat(user.admin().getUserSessions()).hasSize(5);
    }
}
