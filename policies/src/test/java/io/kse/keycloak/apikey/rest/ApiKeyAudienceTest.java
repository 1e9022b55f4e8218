package io.kse.keycloak.apikey.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

class ApiKeyAudienceTest {

    @Test
    void acceptsTokensOfThePageClient() {
        AccessToken token = new AccessToken();
        token.issuedFor("kse-api-keys");

        assertThat(ApiKeyAudience.accepts(token)).isTrue();
    }

    @Test
    void acceptsTokensNamingTheApiAmongTheirAudiences() {
        AccessToken token = new AccessToken();
        token.issuedFor("some-app");
        token.audience("account", "kse-api-keys");

        assertThat(ApiKeyAudience.accepts(token)).isTrue();
    }

    @Test
    void refusesTokensOfOtherClientsWithoutTheAudience() {
        AccessToken other = new AccessToken();
        other.issuedFor("some-app");
        other.audience("account");
        AccessToken none = new AccessToken();

        assertThat(ApiKeyAudience.accepts(other)).isFalse();
        assertThat(ApiKeyAudience.accepts(none)).isFalse();
    }

    @Test
    void refusesLookAlikes() {
        AccessToken token = new AccessToken();
        token.issuedFor("kse-api-keys-evil");
        token.audience("KSE-API-KEYS", "kse-api-keys ");

        assertThat(ApiKeyAudience.accepts(token)).isFalse();
    }
}
