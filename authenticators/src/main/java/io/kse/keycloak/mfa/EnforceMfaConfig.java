package io.kse.keycloak.mfa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kse.keycloak.common.RealmRoles;
import io.kse.keycloak.common.Settings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;

/** The Enforce MFA settings of one flow execution, read null-safely; every default lives here. */
final class EnforceMfaConfig {

    static final String ROLES = "roles";
    static final String EVERYONE = "everyone";
    static final String METHODS = "methods";
    static final String GRACE_DAYS = "graceDays";

    static final List<String> DEFAULT_ROLES = List.of(RealmRoles.MFA_REQUIRED);
    static final boolean DEFAULT_EVERYONE = false;
    static final List<MfaMethod> DEFAULT_METHODS = List.of(MfaMethod.PASSKEY, MfaMethod.AUTHENTICATOR_APP);
    /** 0: enforcement is hard at once. */
    static final int DEFAULT_GRACE_DAYS = 0;
    static final int MAX_GRACE_DAYS = 365;

    private final MfaRequirement requirement;
    private final List<MfaMethod> methods;
    private final int graceDays;

    private EnforceMfaConfig(MfaRequirement requirement, List<MfaMethod> methods, int graceDays) {
        this.requirement = requirement;
        this.methods = methods;
        this.graceDays = graceDays;
    }

    static EnforceMfaConfig of(AuthenticatorConfigModel model) {
        return from(model == null ? null : model.getConfig());
    }

    static EnforceMfaConfig from(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        List<String> roles = split(values.get(ROLES));
        String everyone = values.get(EVERYONE);
        List<MfaMethod> methods = split(values.get(METHODS)).stream()
                .map(MfaMethod::fromId)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        return new EnforceMfaConfig(
                new MfaRequirement(
                        everyone == null || everyone.isBlank() ? DEFAULT_EVERYONE : Boolean.parseBoolean(everyone.trim()),
                        roles.isEmpty() ? DEFAULT_ROLES : roles),
                // No valid method configured means "not restricted": an empty choice would be a dead end.
                methods.isEmpty() ? DEFAULT_METHODS : methods,
                // A bad value means no grace: enforcement stays hard rather than open-ended.
                Settings.intIn(values.get(GRACE_DAYS), 0, MAX_GRACE_DAYS, DEFAULT_GRACE_DAYS));
    }

    MfaRequirement requirement() {
        return requirement;
    }

    /** Allowed methods in the order the choice page offers them. */
    List<MfaMethod> methods() {
        return methods;
    }

    /** Days a user who needs MFA may postpone enrolment, counted from the first login that found no factor. */
    int graceDays() {
        return graceDays;
    }

    /** Keycloak stores multivalued config as one string joined with "##". */
    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        Arrays.stream(Constants.CFG_DELIMITER_PATTERN.split(value))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .forEach(parts::add);
        return parts;
    }
}
