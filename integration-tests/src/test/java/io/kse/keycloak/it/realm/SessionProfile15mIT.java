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

/** The 15m profile as imported from the generated template: idle 15 min, max 12 h, three sessions per user. */
@KeycloakIntegrationTest
class SessionProfile15mIT {

    @InjectRealm(fromJson = "/realms/kse-realm-15m.json")
    ManagedRealm realm;

    @InjectUser(config = PolicyCompliantUser.class, lifecycle = LifeCycle.METHOD)
    ManagedUser user;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void templateValuesAreImported() {
        assertThat(realm.admin().toRepresentation().getSsoSessionIdleTimeout()).isEqualTo(15 * 60);
        assertThat(realm.admin().toRepresentation().getSsoSessionMaxLifespan()).isEqualTo(12 * 3600);
    }

    @Test
    void activityWithinFifteenMinutesKeepsTheSessionButSixteenIdleMinutesEndIt() {
        AccessTokenResponse login = login();

        timeOffSet.set(seconds(Duration.ofMinutes(14)));
        AccessTokenResponse refreshed = oauth.doRefreshTokenRequest(login.getRefreshToken());
        assertThat(refreshed.getStatusCode()).isEqualTo(200);

        timeOffSet.set(seconds(Duration.ofMinutes(14 + 16)));
        AccessTokenResponse afterIdle = oauth.doRefreshTokenRequest(refreshed.getRefreshToken());
        assertThat(afterIdle.getStatusCode()).isEqualTo(400);
        assertThat(afterIdle.getError()).isEqualTo("invalid_grant");
        assertThat(user.admin().getUserSessions()).isEmpty();
    }

    @Test
    void aFourthConcurrentSessionEndsTheOldestAndKeepsThree() {
        // Ten seconds apart, so that "oldest" is unambiguous (session start times have one-second resolution).
        List<AccessTokenResponse> logins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            timeOffSet.set(i * 10);
            logins.add(login());
        }

        assertThat(user.admin().getUserSessions()).hasSize(3);
        assertThat(oauth.doRefreshTokenRequest(logins.get(0).getRefreshToken()).getStatusCode())
                .as("the oldest session was terminated")
                .isEqualTo(400);
        for (AccessTokenResponse newer : logins.subList(1, 4)) {
            assertThat(oauth.doRefreshTokenRequest(newer.getRefreshToken()).getStatusCode()).isEqualTo(200);
        }
    }

    private AccessTokenResponse login() {
        AccessTokenResponse response = oauth.doPasswordGrantRequest(user.getUsername(), PolicyCompliantUser.PASSWORD);
        assertThat(response.getStatusCode()).as(response.getErrorDescription()).isEqualTo(200);
        return response;
    }

    private static int seconds(Duration duration) {
        return (int) duration.toSeconds();
    }
}
