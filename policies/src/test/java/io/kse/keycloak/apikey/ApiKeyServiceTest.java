package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

    @Test
    void restrictionsRoundTripAndNullMeansNone() {
        assertThat(ApiKeyService.split(ApiKeyService.join(List.of("developer", "monitor")))).containsExactly("developer", "monitor");
        assertThat(ApiKeyService.split(ApiKeyService.join(List.of()))).isEmpty();
        assertThat(ApiKeyService.split(ApiKeyService.join(null))).isNull();
    }
}
