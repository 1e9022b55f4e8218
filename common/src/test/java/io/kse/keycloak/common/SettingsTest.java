package io.kse.keycloak.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, 7",
            "'', 7",
            "'  12 ', 12",
            "1, 1",
            "30, 30",
            "0, 7",
            "31, 7",
            "-5, 7",
            "twelve, 7",
            "1e3, 7",
            "99999999999999999999, 7"})
    void readsAnIntWithinBoundsOrFallsBack(String value, int expected) {
        assertThat(Settings.intIn(value, 1, 30, 7)).isEqualTo(expected);
    }
}
