package io.kse.keycloak.common;

/** Reading operator-supplied settings (SPI options, realm attributes): a bad value falls back, it never fails a request. */
public final class Settings {

    private Settings() {
    }

    /** {@code value} as an int within [min, max]; {@code fallback} when it is missing, not a number or out of range. */
    public static int intIn(String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed < min || parsed > max ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
