package io.kse.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the files the build wrote to target/classes, i.e. exactly what ships. */
class GeneratedRealmsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path REALMS = Path.of(System.getProperty("kse.realm.output", "target/classes/realms"));
    private static final Path DENYLIST = REALMS.resolveSibling("password-blacklists").resolve("kse-denylist.txt");
    private static final List<String> FILES = List.of(
            "kse-realm-24h.json", "kse-realm-15m.json", "kse-realm-24h-nist.json", "kse-realm-15m-nist.json");

    @Test
    @DisplayName("Given the build ran, then exactly the four realm files exist")
    void files() throws IOException {
        try (Stream<Path> listed = Files.list(REALMS)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(FILES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kse-realm-24h.json", "kse-realm-15m.json", "kse-realm-24h-nist.json",
        "kse-realm-15m-nist.json"})
    @DisplayName("Given any generated file, then it has no token or comment left and the shared settings")
    void shared(String file) throws IOException {
        String text = Files.readString(REALMS.resolve(file), StandardCharsets.UTF_8);
        JsonNode realm = MAPPER.readTree(text);

        assertThat(text).doesNotContain("{{").doesNotContain("$comment");
        assertThat(realm.get("realm").asText()).isEqualTo("kse");
        assertThat(realm.get("sslRequired").asText()).isEqualTo("external");
        assertThat(realm.has("users")).as("no default accounts (ASVS 6.3.2)").isFalse();
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.get("eventsEnabled").asBoolean()).isTrue();
        assertThat(realm.get("eventsExpiration").asLong()).isEqualTo(90L * 24 * 3600);
        assertThat(realm.get("adminEventsDetailsEnabled").asBoolean()).isTrue();
        assertThat(realm.at("/attributes/adminEventsExpiration").asText()).isEqualTo("7776000");
        // Ours replaces Keycloak's built-in "email" listener, which must stay off or every mail goes out twice.
        assertThat(texts(realm.get("eventsListeners"))).containsExactly("jboss-logging", "kse-security-notifications");
        assertThat(realm.get("emailTheme").asText()).isEqualTo("kse");
        assertThat(texts(realm.get("supportedLocales"))).containsExactly("en", "de", "fr", "es");
        assertThat(realm.get("otpPolicyAlgorithm").asText()).isEqualTo("HmacSHA1");
        assertThat(realm.get("otpPolicyDigits").asInt()).isEqualTo(6);
        assertThat(realm.get("otpPolicyPeriod").asInt()).isEqualTo(30);
        assertThat(realm.get("webAuthnPolicyPasswordlessPasskeysEnabled").asBoolean()).isTrue();
        assertThat(realm.get("passwordPolicy").asText())
                .contains("notUsername", "notEmail", "passwordHistory(5)", "passwordBlacklist(kse-denylist.txt)");
        assertThat(realm.get("ssoSessionIdleTimeout").isInt()).isTrue();
    }

    @Test
    @DisplayName("Given the 24h profile, then max 24 h, idle 1 h, seed password rules, limiter off")
    void profile24h() throws IOException {
        JsonNode realm = read("kse-realm-24h.json");

        assertThat(realm.get("ssoSessionMaxLifespan").asInt()).isEqualTo(24 * 3600);
        assertThat(realm.get("ssoSessionIdleTimeout").asInt()).isEqualTo(3600);
        assertThat(realm.get("passwordPolicy").asText())
                .startsWith("length(12) and maxLength(128) and upperCase(1) and lowerCase(1) and digits(1)"
                        + " and specialChars(1)")
                .doesNotContain("forceExpiredPasswordChange");
        assertThat(limiterRequirements(realm)).containsOnly("DISABLED");
    }

    @Test
    @DisplayName("Given the 15m profile, then idle 15 min, max 12 h, 90-day change, limiter in both flows")
    void profile15m() throws IOException {
        JsonNode realm = read("kse-realm-15m.json");

        assertThat(realm.get("ssoSessionIdleTimeout").asInt()).isEqualTo(15 * 60);
        assertThat(realm.get("ssoSessionMaxLifespan").asInt()).isEqualTo(12 * 3600);
        assertThat(realm.get("passwordPolicy").asText())
                .isEqualTo(read("kse-realm-24h.json").get("passwordPolicy").asText()
                        + " and forceExpiredPasswordChange(90)");
        assertThat(limiterRequirements(realm)).containsExactly("REQUIRED", "REQUIRED");
        JsonNode config = find(realm.get("authenticatorConfig"), "alias", "kse-session-limits").get("config");
        assertThat(config.get("userRealmLimit").asText()).isEqualTo("3");
        assertThat(config.get("behavior").asText()).isEqualTo("Terminate oldest session");
        assertThat(realm.get("browserFlow").asText()).isEqualTo("kse browser");
        assertThat(realm.get("directGrantFlow").asText()).isEqualTo("kse direct grant");
    }

    @ParameterizedTest
    @ValueSource(strings = {"24h", "15m"})
    @DisplayName("Given a nist variant, then only the password policy differs from its profile")
    void nist(String profile) throws IOException {
        JsonNode seed = read("kse-realm-" + profile + ".json");
        JsonNode nist = read("kse-realm-" + profile + "-nist.json");

        assertThat(nist.get("passwordPolicy").asText()).isEqualTo("length(15) and maxLength(128) and notUsername"
                + " and notEmail and passwordBlacklist(kse-denylist.txt) and passwordHistory(5)");
        ((ObjectNode) seed).remove("passwordPolicy");
        ((ObjectNode) nist).remove("passwordPolicy");
        assertThat(nist).isEqualTo(seed);
    }

    @Test
    @DisplayName("Given the roles, then root and admin carry mfa-required and every role has a description")
    void roles() throws IOException {
        JsonNode roles = read("kse-realm-24h.json").at("/roles/realm");

        assertThat(StreamSupport.stream(roles.spliterator(), false).map(r -> r.get("name").asText()))
                .containsExactly("root", "admin", "billing", "developer", "monitor", "mfa-required");
        roles.forEach(r -> assertThat(r.get("description").asText()).hasSizeGreaterThan(20));
        assertThat(texts(find(roles, "name", "root").at("/composites/realm"))).containsExactly("mfa-required");
        assertThat(texts(find(roles, "name", "admin").at("/composites/realm"))).containsExactly("mfa-required");
        assertThat(find(roles, "name", "mfa-required").has("composites")).isFalse();
    }

    @Test
    @DisplayName("Given the denylist, then it ships lower-cased, de-duplicated and without blank lines")
    void denylist() throws IOException {
        List<String> lines = Files.readAllLines(DENYLIST, StandardCharsets.UTF_8);

        // zxcvbn 4.4.2's 30,000 "passwords"; the last two entries are the ones the integration tests use.
        assertThat(lines).hasSize(30_000)
                .contains("password", "123456", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "p030710p$e4o");
        assertThat(lines).allSatisfy(l -> assertThat(l).isEqualTo(l.toLowerCase(Locale.ROOT)).isNotBlank());
        assertThat(new HashSet<>(lines)).hasSize(lines.size());
    }

    private static JsonNode read(String file) throws IOException {
        return MAPPER.readTree(REALMS.resolve(file).toFile());
    }

    private static List<String> limiterRequirements(JsonNode realm) {
        return StreamSupport.stream(realm.get("authenticationFlows").spliterator(), false)
                .flatMap(flow -> StreamSupport.stream(flow.get("authenticationExecutions").spliterator(), false))
                .filter(e -> "user-session-limits".equals(e.path("authenticator").asText()))
                .map(e -> e.get("requirement").asText())
                .collect(Collectors.toList());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> value.equals(n.path(field).asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No element with " + field + "=" + value));
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
