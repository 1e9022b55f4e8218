package io.kse.keycloak.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.kse.keycloak.it.support.BundleServerConfig;
import io.kse.keycloak.it.support.EventStoreSnapshots;
import io.kse.keycloak.it.support.SecretLedger;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;

/**
 * Runs after every other integration test (support/LeakScanLast): no secret the suite created or used (recorded in
 * support/SecretLedger) appears in the server log (file, our own code at DEBUG), in any realm's user-event or admin-event
 * store (copies taken after each test by support/EventStoreSnapshots, since realms are deleted with their class, plus the
 * realms alive now). A finding names the kind and the place, never the secret.
 */
@KeycloakIntegrationTest
class NoSecretLeaksIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void noRecordedSecretAppearsInTheServerLogOrAnyEventStore() throws IOException {
        List<SecretLedger.Entry> ledger = SecretLedger.entries();
        assertThat(ledger).as("the ledger: this class must run after the tests that create secrets").isNotEmpty();

        Map<String, String> serverLog = files(Path.of(BundleServerConfig.SERVER_LOG).getParent());
        assertThat(String.join("", serverLog.values())).as("the server log was written").contains("Keycloak 26.7.3");

        Map<String, String> eventStores = files(EventStoreSnapshots.DIRECTORY);
        for (RealmRepresentation realm : admin.realms().findAll()) {
            eventStores.put("live/" + realm.getRealm() + ".events", JsonSerialization.writeValueAsString(
                    admin.realm(realm.getRealm()).getEvents(null, null, null, null, null, null, 0, 100_000)));
            eventStores.put("live/" + realm.getRealm() + ".admin-events", JsonSerialization.writeValueAsString(
                    admin.realm(realm.getRealm()).getAdminEvents(null, null, null, null, null, null, null, null, 0, 100_000)));
        }
        String allEvents = String.join("", eventStores.values());
        assertThat(allEvents).as("events were stored and copied").contains("\"type\"").contains("\"operationType\"");

        // The search sees what it should: key ids are not secret and every exchange records one.
        assertThat(ledger.stream().filter(e -> e.kind() == SecretLedger.Kind.API_KEY)
                .map(e -> e.secret().substring(4, 16)).anyMatch(allEvents::contains))
                .as("an API key's id in the copied events").isTrue();

        Map<String, String> sources = new LinkedHashMap<>();
        serverLog.forEach((name, text) -> sources.put("server log " + name, text));
        eventStores.forEach((name, text) -> sources.put("event store " + name, text));
        Set<String> findings = new LinkedHashSet<>();
        for (SecretLedger.Entry entry : ledger) {
            for (String form : forms(entry)) {
                sources.forEach((name, text) -> {
                    if (text.contains(form)) {
                        findings.add(entry.kind() + " in " + name);
                    }
                });
            }
        }
        assertThat(findings).as("%d secrets searched in %d sources (%d characters)", ledger.size(), sources.size(),
                sources.values().stream().mapToLong(String::length).sum()).isEmpty();
    }

    /** The secret as created, and as typed where the UI drops separators (recovery codes are entered without '-'). */
    private static List<String> forms(SecretLedger.Entry entry) {
        List<String> forms = new ArrayList<>(List.of(entry.secret()));
        if (entry.kind() == SecretLedger.Kind.RECOVERY_CODE) {
            forms.add(entry.secret().replace("-", ""));
        }
        // JSON escapes in the stores: a secret with quotes or backslashes would be stored escaped.
        String escaped = entry.secret().replace("\\", "\\\\").replace("\"", "\\\"");
        if (!escaped.equals(entry.secret())) {
            forms.add(escaped);
        }
        return forms;
    }

    private static Map<String, String> files(Path directory) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return contents;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                contents.put(directory.relativize(path).toString(), Files.readString(path, StandardCharsets.ISO_8859_1));
            }
        }
        return contents;
    }
}
