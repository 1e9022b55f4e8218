package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiKeyServerSettingsTest {

    @Test
    void defaults() {
        ApiKeyServerSettings settings = new ApiKeyServerSettings(Map.<String, String>of()::get);
        assertThat(settings.pepper()).isNull();
        assertThat(settings.maintenanceInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.failureWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.failureLimitPerKey()).isEqualTo(10);
        assertThat(settings.failureLimitPerIp()).isEqualTo(100);
    }

    @Test
    void validValuesAreTaken() {
        ApiKeyServerSettings settings = new ApiKeyServerSettings(Map.of(
                ApiKeyServerSettings.MAINTENANCE_INTERVAL_MINUTES, "60",
                ApiKeyServerSettings.FAILURE_WINDOW_SECONDS, " 120 ",
                ApiKeyServerSettings.FAILURE_LIMIT_PER_KEY, "3",
                ApiKeyServerSettings.FAILURE_LIMIT_PER_IP, "500")::get);
        assertThat(settings.maintenanceInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.failureWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.failureLimitPerKey()).isEqualTo(3);
        assertThat(settings.failureLimitPerIp()).isEqualTo(500);
    }

    @Test
    void invalidValuesFallBackToTheDefault() {
        ApiKeyServerSettings settings = new ApiKeyServerSettings(Map.of(
                ApiKeyServerSettings.MAINTENANCE_INTERVAL_MINUTES, "0",
                ApiKeyServerSettings.FAILURE_WINDOW_SECONDS, "five",
                ApiKeyServerSettings.FAILURE_LIMIT_PER_KEY, "-1",
                ApiKeyServerSettings.FAILURE_LIMIT_PER_IP, "99999999999")::get);
        assertThat(settings.maintenanceInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.failureWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.failureLimitPerKey()).isEqualTo(10);
        assertThat(settings.failureLimitPerIp()).isEqualTo(100);
    }
}
