package io.kse.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret the integration tests create or use (API keys, recovery codes, OTP secrets, passwords), appended to
 * {@code target/secret-ledger.txt} so that {@code it.attack.NoSecretLeaksIT}, which runs last, can search the server
 * log and the event stores for each of them. One line per secret: kind, a tab, the secret in Base64 (so a secret with a
 * line break stays one entry). The file is emptied when the first secret of a run is recorded.
 */
public final class SecretLedger {

    public enum Kind { API_KEY, RECOVERY_CODE, OTP_SECRET, PASSWORD }

    public record Entry(Kind kind, String secret) {

        @Override
        public String toString() {
            return kind + " (" + secret.length() + " characters)";
        }
    }

    private static final Pattern API_KEY = Pattern.compile("kse_[0-9A-Za-z]{50}");
    private static final Path FILE = Path.of(System.getProperty("kse.secret.ledger", "target/secret-ledger.txt"));
    private static boolean started;

    private SecretLedger() {
    }

    /** Records {@code secret} and returns it, so that a creation site needs one wrapped expression. */
    public static synchronized String record(Kind kind, String secret) {
        if (secret == null || secret.isEmpty()) {
            return secret;
        }
        try {
            if (!started) {
                Files.createDirectories(FILE.toAbsolutePath().getParent());
                Files.deleteIfExists(FILE);
                started = true;
            }
            String line = kind + "\t" + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)) + "\n";
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secret;
    }

    /** Records every one of {@code secrets} and returns the list. */
    public static List<String> recordAll(Kind kind, List<String> secrets) {
        secrets.forEach(secret -> record(kind, secret));
        return secrets;
    }

    /** Records every API key ({@code kse_} + 50 base62 characters) in a response body, e.g. of the self-service API. */
    public static void recordApiKeysIn(String body) {
        if (body != null) {
            Matcher matcher = API_KEY.matcher(body);
            while (matcher.find()) {
                record(Kind.API_KEY, matcher.group());
            }
        }
    }

    /** The distinct entries recorded in this run (empty if nothing was recorded). */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(FILE)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    Entry entry = new Entry(Kind.valueOf(line.substring(0, tab)),
                            new String(Base64.getDecoder().decode(line.substring(tab + 1)), StandardCharsets.UTF_8));
                    if (!entries.contains(entry)) {
                        entries.add(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
