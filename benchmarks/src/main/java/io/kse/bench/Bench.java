package io.kse.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark run (issue 6, P1-P6): prepares two Keycloak homes (with and without the bundle), starts the one with
 * the bundle on a database of its own, imports the realm template, seeds, drives load from this JVM and writes
 * {@code results/latest.md} and {@code results/latest.csv}. A and B runs alternate within each round.
 */
public final class Bench {

    private static final String DB = "kse_bench";
    private static final String DB_P6 = "kse_bench_p6";
    private static final int SLOW_SMTP_PORT = 28125;
    private static final int GREENMAIL_SMTP_PORT = 28126;
    private static final int GREENMAIL_API_PORT = 28127;
    private static final String PASSWORD = "Bench-Pass-2026-x!";
    private static final String OTP_SECRET = "benchTotpSecret-2026";
    private static final String CLIENT_SECRET = "bench-client-secret";
    private static final String API_KEY_GRANT = "urn:kse:params:oauth:grant-type:api-key";
    private static final List<String> TEMPLATE_LISTENERS = List.of("jboss-logging", "kse-security-notifications");

    private final Path work = Path.of(System.getProperty("bench.work", "target/bench")).toAbsolutePath();
    private final Path results = Path.of(System.getProperty("bench.results", "results")).toAbsolutePath();
    private final Path logs = work.resolve("logs");
    private final Path artifacts = work.resolve("artifacts");
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "10"));
    private final boolean jfr = Boolean.parseBoolean(System.getProperty("bench.jfr", "true"));
    private final String keycloakVersion = System.getProperty("bench.keycloakVersion", "26.7.3");
    private final Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath();
    /** Which measures to run (default all); e.g. {@code P6} alone. */
    private final Set<String> phases = Set.of(System.getProperty("bench.phases", "P1,P2,P3,P4,P5,P6").split(","));
    /** Reuse homes unpacked and built by an earlier run (same bundle) instead of unpacking and building again. */
    private final boolean reuseHomes = Boolean.getBoolean("bench.reuseHomes");
    private final int p6Rounds = Integer.getInteger("bench.p6Rounds", Math.max(2, rounds - 1));
    private final String reportName = System.getProperty("bench.report", "latest");
    private final List<String> serverOptions = System.getProperty("bench.serverOptions", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.serverOptions").trim().split("\\s+"));
    private final String pepper = randomText(48);
    private final Report report = new Report();
    private final Http.Admin admin = new Http.Admin();
    private final long runStart = System.nanoTime();
    private final String loadAtStart = loadAverage();

    private List<String> keys1k = List.of();
    private List<String> keys100k = List.of();
    private final double[] p1Api1k = new double[16];
    private final double[] p1Cc1k = new double[16];

    public static void main(String[] args) throws Exception {
        new Bench().run();
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        log("work directory " + work + ", " + rounds + " rounds of " + seconds + " s");
        Server with;
        Server without;
        if (reuseHomes) {
            with = new Server(work.resolve("kc-with"), "with", logs);
            without = new Server(work.resolve("kc-without"), "without", logs);
            report.note("homes reused from an earlier run (bench.reuseHomes): no unpack and no kc.sh build in this run");
        } else {
            with = Server.unpack(artifacts.resolve("keycloak-quarkus-dist.zip"), work.resolve("kc-with"), "with", logs);
            with.installBundle(artifacts.resolve("keycloak-security-essentials.jar"), artifacts.resolve("kse-realm-config.jar"));
            without = Server.unpack(artifacts.resolve("keycloak-quarkus-dist.zip"), work.resolve("kc-without"), "without", logs);
            long buildStart = System.nanoTime();
            Process buildWith = with.startBuild();
            Process buildWithout = without.startBuild();
            if (buildWith.waitFor() != 0 || buildWithout.waitFor() != 0) {
                throw new IllegalStateException("kc.sh build failed; see " + logs);
            }
            double build = (System.nanoTime() - buildStart) / 1e9;
            report.value("setup", "both", 0, "kc_build_parallel_s", build);
            log(String.format("both kc.sh build done in %.1f s (in parallel)", build));
        }
        try {
            if (phases.stream().anyMatch(p -> !p.equals("P6"))) {
                Db.create(DB);
                mainServer(with);
            }
            if (phases.contains("P6")) {
                phase("P6", () -> p6(with, without));
            }
        } finally {
            Db.drop(DB);
            Db.drop(DB_P6);
            writeReport();
        }
    }

    private void mainServer(Server server) throws Exception {
        List<String> options = new ArrayList<>(List.of("--spi-kse-api-keys--default--pepper=" + pepper,
                // The shortest poll the option allows, so that P5's backlog drains within the run's time box.
                "--spi-events-listener--kse-security-notifications--poll-interval-seconds=1"));
        // Extra server options for experiments (e.g. a larger user cache), listed in the report.
        options.addAll(serverOptions);
        long start = System.nanoTime();
        server.start(DB, "main", options, jfr ? work.resolve("main.jfr").toString() : null);
        try {
            double ready = server.awaitReady(start, Duration.ofMinutes(10));
            log(String.format("main server ready after %.1f s (fresh database, schema created)", ready));
            report.value("setup", "with", 0, "first_start_s", ready);
            setUp();
            if (phases.contains("P1")) {
                phase("P1", this::p1);
            }
            if (phases.contains("P2")) {
                phase("P2", this::p2);
            }
            if (phases.contains("P3")) {
                phase("P3", this::p3);
            }
            if (phases.contains("P4")) {
                phase("P4", this::p4);
            }
            if (phases.contains("P5")) {
                phase("P5", this::p5);
            }
        } finally {
            server.stop();
        }
    }

    // ---------------------------------------------------------------- set-up

    private void setUp() throws Exception {
        long start = System.nanoTime();
        JsonNode template;
        try (ZipFile jar = new ZipFile(artifacts.resolve("kse-realm-config.jar").toFile());
             InputStream in = jar.getInputStream(jar.getEntry("realms/kse-realm-24h.json"))) {
            template = Http.JSON.readTree(in);
        }
        // Our listener stays off while seeding: every user created over REST would otherwise become a new-user notice
        // to each of the 1,000 seeded root holders, and the worker would work through them during the measurements.
        ObjectNode quiet = template.deepCopy();
        quiet.set("eventsListeners", Http.JSON.valueToTree(List.of("jboss-logging")));
        admin.send("POST", "", quiet, 201);
        // Stock Keycloak: the same template (settings, roles, stored events, password policy) with Keycloak's built-in
        // browser and direct-grant flows, none of our client policies and no listener of ours.
        ObjectNode stock = template.deepCopy();
        stock.put("realm", "stock").put("displayName", "Stock").put("browserFlow", "browser").put("directGrantFlow", "direct grant");
        stock.set("eventsListeners", Http.JSON.valueToTree(List.of("jboss-logging")));
        stock.set("clientPolicies", Http.JSON.createObjectNode().set("policies", Http.JSON.createArrayNode()));
        stock.set("clientProfiles", Http.JSON.createObjectNode().set("profiles", Http.JSON.createArrayNode()));
        admin.send("POST", "", stock, 201);
        ObjectNode p5 = template.deepCopy();
        p5.put("realm", "kse-p5");
        admin.send("POST", "", p5, 201);

        admin.createClient("kse", "bench-apikey", CLIENT_SECRET, false, false, null, Map.of("kse.apiKeyGrant", "true"));
        admin.createClient("kse", "bench-cc", CLIENT_SECRET, true, false, null, Map.of());
        admin.createClient("kse", "bench-web", CLIENT_SECRET, false, true, BrowserLogin.REDIRECT_URI, Map.of());
        admin.createClient("stock", "bench-web", CLIENT_SECRET, false, true, BrowserLogin.REDIRECT_URI, Map.of());

        try (Db db = new Db(DB)) {
            String kse = db.realmId("kse");
            String stockId = db.realmId("stock");
            List<String> kseDefault = List.of(db.defaultRoleId(kse));
            keys1k = db.insertApiKeys(kse, db.insertUsers(kse, "key", 0, 1000, true, kseDefault), pepper);
            seedMfaUsers(db, "kse", kse);
            seedMfaUsers(db, "stock", stockId);
            String pwTemplate = restUser("kse", "pw-0");
            db.copyCredential(db.credentialId(pwTemplate, "password"), db.insertUsers(kse, "pw", 1, 200, true, kseDefault));
            String p5Id = db.realmId("kse-p5");
            db.insertUsers(p5Id, "p5-admin", 0, 1000, true, List.of(db.defaultRoleId(p5Id), db.realmRoleId(p5Id, "admin")));
            db.vacuumAnalyze();
        }
        for (String realm : List.of("kse", "stock", "kse-p5")) {
            admin.clearCaches(realm);
        }
        admin.setEventListeners("kse", TEMPLATE_LISTENERS); // as shipped, for every measurement
        log(String.format("realms imported and seeded in %.1f s", (System.nanoTime() - start) / 1e9));
    }

    /** 1,000 users holding root (so MFA is required in realm kse) with password, TOTP and recovery codes. */
    private void seedMfaUsers(Db db, String realm, String realmId) throws Exception {
        List<String> roles = List.of(db.defaultRoleId(realmId), db.realmRoleId(realmId, "root"));
        String first = restUser(realm, "mfa-0");
        List<String> users = new ArrayList<>(db.insertUsers(realmId, "mfa", 1, 1000, true, roles));
        db.copyCredential(db.credentialId(first, "password"), users);
        String root = roles.get(1);
        admin.send("POST", "/" + realm + "/users/" + first + "/role-mappings/realm",
                List.of(Map.of("id", root, "name", realmRoleName(realm, root))), 204);
        users.add(first);
        db.insertOtp(users, OTP_SECRET);
        db.insertRecoveryCodes(users);
    }

    private String realmRoleName(String realm, String roleId) throws Exception {
        return admin.send("GET", "/" + realm + "/roles-by-id/" + roleId, null, 200).get("name").asText();
    }

    /** A user created over REST, so that the server hashes the password that the seeder then copies. */
    private String restUser(String realm, String username) throws Exception {
        Map<String, Object> user = Map.of("username", username, "email", username + "@bench.localhost", "emailVerified", true,
                "enabled", true, "firstName", "Bench", "lastName", username,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        admin.send("POST", "/" + realm + "/users", user, 201);
        return admin.send("GET", "/" + realm + "/users?exact=true&username=" + username, null, 200).get(0).get("id").asText();
    }

    // ---------------------------------------------------------------- P1, P2

    private Load.Result tokenRun(String name, String client, String body) throws InterruptedException {
        String url = Server.BASE + "/realms/kse/protocol/openid-connect/token";
        String auth = Http.basic(client, CLIENT_SECRET);
        return Load.run(name, 600, 16, seconds, () -> {
            HttpResponse<String> response = Http.postForm(url, auth, body == null ? nextApiKeyBody() : body);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + Http.abbreviate(response.body()));
            }
            return true;
        });
    }

    private volatile List<String> activeKeys;

    private String nextApiKeyBody() {
        List<String> keys = activeKeys;
        return Http.form("grant_type", API_KEY_GRANT, "api_key", keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
    }

    private static final String CC_BODY = "grant_type=client_credentials";

    private void p1() throws Exception {
        activeKeys = keys1k;
        warmUp(() -> tokenRun("warm-up", "bench-apikey", null), () -> tokenRun("warm-up", "bench-cc", CC_BODY));
        Interleaved runs = interleaved("P1", "api-key-1k", () -> tokenRun("api-key 1k", "bench-apikey", null),
                "client-credentials-1k", () -> tokenRun("client_credentials", "bench-cc", CC_BODY));
        List<Load.Result> api = runs.a();
        List<Load.Result> cc = runs.b();
        double[] ratios = divide(api, cc);
        for (int r = 0; r < rounds; r++) {
            p1Api1k[r] = api.get(r).throughput();
            p1Cc1k[r] = cc.get(r).throughput();
            report.value("P1", "ratio", r, "throughput_ratio", ratios[r]);
        }
        double ratio = Load.median(ratios);
        report.summary(new Report.Summary("P1", "API-key grant vs client_credentials, throughput (1k keys)",
                describe(api), describe(cc), ratio, "≥ 1.0", ratio >= 1.0));
        report.section(table("P1 / P2 phase 1 (1,000 users with keys)", api, cc));
    }

    private void p2() throws Exception {
        long start = System.nanoTime();
        try (Db db = new Db(DB)) {
            String kse = db.realmId("kse");
            List<String> users = db.insertUsers(kse, "key", 1000, 100_000, true, List.of(db.defaultRoleId(kse)));
            List<String> more = db.insertApiKeys(kse, users, pepper);
            List<String> all = new ArrayList<>(keys1k);
            all.addAll(more);
            keys100k = all;
            db.vacuumAnalyze();
            report.note(String.format("P2: seeded 99,000 more users and keys in %.1f s (%d keys in KSE_API_KEY, %d users in realm kse)",
                    (System.nanoTime() - start) / 1e9, db.count("SELECT count(*) FROM kse_api_key"),
                    db.count("SELECT count(*) FROM user_entity WHERE realm_id = ?", kse)));
        }
        admin.clearCaches("kse");
        activeKeys = keys100k;
        warmUp(() -> tokenRun("warm-up", "bench-apikey", null));
        Interleaved runs = interleaved("P2", "api-key-100k", () -> tokenRun("api-key 100k", "bench-apikey", null),
                "client-credentials-100k", () -> tokenRun("client_credentials", "bench-cc", CC_BODY));
        List<Load.Result> api = runs.a();
        List<Load.Result> cc = runs.b();
        double[] ratios = new double[rounds];
        double[] normalised = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = api.get(r).throughput() / p1Api1k[r];
            // client_credentials does not depend on the number of keys: it is the control for drift in machine load.
            normalised[r] = (api.get(r).throughput() / cc.get(r).throughput()) / (p1Api1k[r] / p1Cc1k[r]);
            report.value("P2", "ratio", r, "throughput_ratio_100k_vs_1k", ratios[r]);
            report.value("P2", "ratio", r, "normalised_ratio", normalised[r]);
        }
        double ratio = Load.median(ratios);
        double norm = Load.median(normalised);
        report.summary(new Report.Summary("P2", "API-key grant throughput, 100k users/keys vs 1k",
                describe(api), String.format("%.1f/s (phase 1)", Load.median(java.util.Arrays.copyOf(p1Api1k, rounds))),
                ratio, "≥ 0.95", ratio >= 0.95));
        report.summary(new Report.Summary("P2'", "same, normalised by client_credentials in each phase (drift control)",
                String.format("api/cc %.3f", Load.median(divide(api, cc))), String.format("api/cc %.3f",
                Load.median(divideArrays(p1Api1k, p1Cc1k))), norm, "≥ 0.95", norm >= 0.95));
        report.section(table("P2 phase 2 (100,000 users with keys)", api, cc));

        // The same 1,000 keys as in phase 1, now among 100,000 rows: what the table's size does to the key lookup,
        // without the first-use loading of users that random keys out of 100,000 cause in a short run.
        activeKeys = keys1k;
        Interleaved hot = interleaved("P2hot", "api-key-1k-of-100k", () -> tokenRun("api-key 1k of 100k", "bench-apikey", null),
                "client-credentials-100k", () -> tokenRun("client_credentials", "bench-cc", CC_BODY));
        double[] hotNormalised = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            hotNormalised[r] = (hot.a().get(r).throughput() / hot.b().get(r).throughput()) / (p1Api1k[r] / p1Cc1k[r]);
            report.value("P2hot", "ratio", r, "normalised_ratio", hotNormalised[r]);
        }
        double hotNorm = Load.median(hotNormalised);
        report.summary(new Report.Summary("P2''", "the 1k keys of phase 1 among 100k rows vs alone, normalised as P2' (key lookup only)",
                String.format("api/cc %.3f", Load.median(divide(hot.a(), hot.b()))), String.format("api/cc %.3f",
                Load.median(divideArrays(p1Api1k, p1Cc1k))), hotNorm, "≥ 0.95", hotNorm >= 0.95));
        report.section(table("P2'' the phase-1 keys among 100,000", hot.a(), hot.b()));
    }

    // ---------------------------------------------------------------- P3

    /** Users whose TOTP code was used wait 31 s (codes are single-use per credential within their window). */
    private static final class UserPool {
        private final ArrayDeque<String> free = new ArrayDeque<>();
        private final ArrayDeque<long[]> coolingTimes = new ArrayDeque<>();
        private final ArrayDeque<String> cooling = new ArrayDeque<>();

        UserPool(String prefix, int size) {
            for (int i = 0; i < size; i++) {
                free.add(prefix + "-" + i);
            }
        }

        synchronized String take() {
            long now = System.nanoTime();
            while (!cooling.isEmpty() && coolingTimes.peek()[0] <= now) {
                coolingTimes.poll();
                free.add(cooling.poll());
            }
            if (free.isEmpty()) {
                throw new IllegalStateException("user pool exhausted");
            }
            return free.poll();
        }

        synchronized void release(String user) {
            cooling.add(user);
            coolingTimes.add(new long[] {System.nanoTime() + 31_000_000_000L});
        }
    }

    private Load.Result loginRun(String name, String realm, UserPool pool) throws InterruptedException {
        return Load.run(name, 40, 8, seconds, () -> {
            String user = pool.take();
            try {
                new BrowserLogin(realm, "bench-web", CLIENT_SECRET).passwordAndOtp(user, PASSWORD, OTP_SECRET);
            } finally {
                pool.release(user);
            }
            return true;
        });
    }

    private void p3() throws Exception {
        UserPool ksePool = new UserPool("mfa", 1000);
        UserPool stockPool = new UserPool("mfa", 1000);
        warmUp(() -> loginRun("warm-up", "kse", ksePool), () -> loginRun("warm-up", "stock", stockPool));
        Interleaved runs = interleaved("P3", "kse-enforce-mfa", () -> loginRun("kse browser + Enforce MFA", "kse", ksePool),
                "stock-conditional-otp", () -> loginRun("stock browser (conditional OTP)", "stock", stockPool));
        List<Load.Result> kse = runs.a();
        List<Load.Result> stock = runs.b();
        double[] ratios = divide(kse, stock);
        for (int r = 0; r < rounds; r++) {
            report.value("P3", "ratio", r, "throughput_ratio", ratios[r]);
        }
        double ratio = Load.median(ratios);
        report.summary(new Report.Summary("P3", "privileged login (password + TOTP + code exchange): kse browser + Enforce MFA vs stock conditional OTP, throughput",
                describe(kse), describe(stock), ratio, "≥ 0.95", ratio >= 0.95));
        report.section(table("P3 logins", kse, stock));
    }

    // ---------------------------------------------------------------- P4

    private void p4() throws Exception {
        int perRun = Math.max(3, (int) Math.round(seconds * 0.6));
        List<String> names = List.of("off", "kse-notifications", "keycloak-email");
        List<List<String>> listeners = List.of(List.of("jboss-logging"), TEMPLATE_LISTENERS, List.of("jboss-logging", "email"));
        ArrayDeque<String> users = new ArrayDeque<>();
        users.add("pw-0");
        for (int i = 1; i < 200; i++) {
            users.add("pw-" + i);
        }
        List<List<Double>> pooled = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double[][] p50 = new double[3][rounds];
        try (SlowSmtp smtp = new SlowSmtp(SLOW_SMTP_PORT, 2000)) {
            admin.setSmtp("kse", SLOW_SMTP_PORT);
            // Warm-up: one change per configuration, not recorded.
            for (int c = 0; c < 3; c++) {
                admin.setEventListeners("kse", listeners.get(c));
                passwordChange(users.poll());
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < 3; i++) {
                    int c = (i + r) % 3;
                    admin.setEventListeners("kse", listeners.get(c));
                    double[] latencies = new double[perRun];
                    for (int k = 0; k < perRun; k++) {
                        latencies[k] = passwordChange(users.poll());
                        pooled.get(c).add(latencies[k]);
                    }
                    java.util.Arrays.sort(latencies);
                    p50[c][r] = Load.percentile(latencies, 50);
                    report.value("P4", names.get(c), r, "p50_ms", p50[c][r]);
                    report.value("P4", names.get(c), r, "p95_ms", Load.percentile(latencies, 95));
                }
            }
            report.note("P4: the slow SMTP sink accepted " + smtp.accepted() + " mails during the run");
        } finally {
            admin.setEventListeners("kse", TEMPLATE_LISTENERS);
            // Notices still queued for the slow sink would compete with P5's drain.
            try (Db db = new Db(DB)) {
                db.count("WITH d AS (DELETE FROM kse_notification_outbox WHERE realm_id = ? AND status = 'PENDING' RETURNING 1)"
                        + " SELECT count(*) FROM d", db.realmId("kse"));
            }
        }
        double[] kseRatio = new double[rounds];
        double[] emailRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            kseRatio[r] = p50[1][r] / p50[0][r];
            emailRatio[r] = p50[2][r] / p50[0][r];
            report.value("P4", "ratio", r, "p50_ratio_kse_vs_off", kseRatio[r]);
            report.value("P4", "ratio", r, "p50_ratio_email_vs_off", emailRatio[r]);
        }
        double[] off = sorted(pooled.get(0));
        double[] kse = sorted(pooled.get(1));
        double[] email = sorted(pooled.get(2));
        double ratio = Load.median(kseRatio);
        report.summary(new Report.Summary("P4", "password change (update-password form POST), SMTP answering after 2 s: our notifications on vs off, p50 latency",
                latency(kse), latency(off), ratio, "p50 ratio ≤ 1.02", ratio <= 1.02));
        report.summary(new Report.Summary("P4 (ref.)", "same with Keycloak's built-in `email` listener vs off",
                latency(email), latency(off), Load.median(emailRatio), "for comparison", null));
        report.section("### P4 password changes\n\n" + perRun + " changes per configuration and round, one at a time, each by a "
                + "fresh user (so the password history has the same length every time).\n\n| configuration | n | p50 ms | p95 ms |\n|---|---|---|---|\n"
                + String.format("| off | %d | %.1f | %.1f |%n| kse-security-notifications | %d | %.1f | %.1f |%n| Keycloak `email` | %d | %.1f | %.1f |%n",
                off.length, Load.percentile(off, 50), Load.percentile(off, 95), kse.length, Load.percentile(kse, 50),
                Load.percentile(kse, 95), email.length, Load.percentile(email, 50), Load.percentile(email, 95)));
    }

    private double passwordChange(String user) throws Exception {
        BrowserLogin login = new BrowserLogin("kse", "bench-web", CLIENT_SECRET);
        String action = login.openPasswordChange(user, PASSWORD);
        long start = System.nanoTime();
        login.submitNewPassword(action, "Changed-" + randomText(12) + "-9!");
        return (System.nanoTime() - start) / 1e6;
    }

    // ---------------------------------------------------------------- P5

    private void p5() throws Exception {
        int recipients = 1000;
        int newUsers = 10;
        long expected = (long) recipients * newUsers;
        admin.setSmtp("kse-p5", GREENMAIL_SMTP_PORT); // nothing listens there yet: the outage
        Process greenmail = null;
        try (Db db = new Db(DB)) {
            String realmId = db.realmId("kse-p5");
            String countSql = "SELECT count(*) FROM kse_notification_outbox WHERE realm_id = ?";
            long createStart = System.nanoTime();
            for (int i = 0; i < newUsers; i++) {
                admin.send("POST", "/kse-p5/users", Map.of("username", "p5-new-" + i, "email", "p5-new-" + i + "@bench.localhost",
                        "enabled", true, "firstName", "New", "lastName", "User " + i), 201);
            }
            double createSeconds = (System.nanoTime() - createStart) / 1e9;
            long backlog = db.count(countSql, realmId);
            report.value("P5", "outbox", 0, "backlog_rows", backlog);
            report.value("P5", "outbox", 0, "admin_create_user_mean_ms", createSeconds * 1000 / newUsers);
            long outageEnd = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < outageEnd && db.count(countSql + " AND attempts > 0", realmId) < 100) {
                Thread.sleep(250);
            }
            long failedDuringOutage = db.count(countSql + " AND attempts > 0", realmId);
            report.value("P5", "outbox", 0, "rows_failed_during_outage", failedDuringOutage);

            greenmail = startGreenMail();
            long up = System.nanoTime();
            long deadline = up + 330_000_000_000L;
            long sent = 0;
            long dead = 0;
            while (System.nanoTime() < deadline) {
                sent = db.count(countSql + " AND status = 'SENT'", realmId);
                dead = db.count(countSql + " AND status = 'DEAD'", realmId);
                if (sent + dead >= backlog) {
                    break;
                }
                Thread.sleep(500);
            }
            double drainSeconds = (System.nanoTime() - up) / 1e9;
            long firstSent = db.count("SELECT coalesce(min(sent_at), 0) FROM kse_notification_outbox WHERE realm_id = ? AND status = 'SENT'", realmId);
            long lastSent = db.count("SELECT coalesce(max(sent_at), 0) FROM kse_notification_outbox WHERE realm_id = ? AND status = 'SENT'", realmId);
            double steady = lastSent > firstSent ? sent / ((lastSent - firstSent) / 1000.0) : Double.NaN;
            long[] mailbox = countMails(recipients);
            long received = mailbox[0];
            long distinct = mailbox[1];
            // Lost: will never arrive (dead-lettered, or marked SENT but not in GreenMail). Rows still pending when the
            // time box ends are not lost, but the backlog then counts as not drained.
            long lost = dead + Math.max(0, sent - distinct);
            long duplicates = received - distinct;
            boolean drained = sent + dead >= backlog;
            double rate = sent / drainSeconds;
            report.value("P5", "drain", 0, "sent", sent);
            report.value("P5", "drain", 0, "dead", dead);
            report.value("P5", "drain", 0, "drain_seconds", drainSeconds);
            report.value("P5", "drain", 0, "mails_per_s_overall", rate);
            report.value("P5", "drain", 0, "mails_per_s_first_to_last", steady);
            report.value("P5", "drain", 0, "received_in_greenmail", received);
            report.value("P5", "drain", 0, "lost", lost);
            report.value("P5", "drain", 0, "duplicates", duplicates);
            boolean met = drained && backlog == expected && rate >= 100 && lost == 0 && duplicates == 0;
            report.summary(new Report.Summary("P5", "outbox drain of a " + backlog + "-row backlog into GreenMail after an SMTP outage",
                    String.format("%.1f mails/s overall (%.1f first-to-last), %d received", rate, steady, received),
                    String.format("lost %d, duplicates %d, dead %d, %s", lost, duplicates, dead,
                            drained ? String.format("drained in %.0f s", drainSeconds)
                                    : String.format("NOT drained: %d still pending after %.0f s", backlog - sent - dead, drainSeconds)),
                    Double.NaN, "≥ 100 mails/s, 0 lost, 0 duplicates", met));
            report.section(String.format("### P5 outbox drain%n%nBacklog: %d rows from %d admin user creations (realm `kse-p5`, %d admins "
                            + "with verified addresses receive a new-user notice each; %.0f ms per creation, including writing %d outbox rows), "
                            + "created while the realm's SMTP port had no listener; %d rows had failed at least once when GreenMail was "
                            + "started on that port. Sent %d, dead %d, drained in %.1f s: %.1f mails/s overall, %.1f mails/s from the first to the "
                            + "last sent row. GreenMail received %d mails, %d distinct (recipient, subject) pairs (%d expected once drained): "
                            + "%d lost (dead-lettered, or marked sent but not received), %d duplicates.%n", backlog, newUsers, recipients, createSeconds * 1000 / newUsers, recipients, failedDuringOutage,
                    sent, dead, drainSeconds, rate, steady, received, distinct, expected, lost, duplicates));
        } finally {
            if (greenmail != null) {
                greenmail.destroy();
                greenmail.waitFor();
            }
        }
    }

    private Process startGreenMail() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + GREENMAIL_SMTP_PORT,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + GREENMAIL_API_PORT,
                "-Dgreenmail.auth.disabled", "-jar", artifacts.resolve("greenmail-standalone.jar").toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("greenmail.log").toFile()).start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GREENMAIL_API_PORT + "/api/service/readiness")).build();
        for (int i = 0; i < 300; i++) {
            try {
                if (Http.CLIENT.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("GreenMail did not start; see " + logs.resolve("greenmail.log"));
    }

    /** Total messages in every recipient's inbox and distinct (recipient, subject) pairs among them. */
    private long[] countMails(int recipients) throws Exception {
        long total = 0;
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < recipients; i++) {
            String email = "p5-admin-" + i + "@bench.localhost";
            HttpResponse<String> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + GREENMAIL_API_PORT + "/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                continue;
            }
            for (JsonNode message : Http.JSON.readTree(response.body())) {
                total++;
                distinct.add(email + "\n" + message.path("subject").asText());
            }
        }
        return new long[] {total, distinct.size()};
    }

    // ---------------------------------------------------------------- P6

    private void p6(Server with, Server without) throws Exception {
        Db.create(DB_P6);
        // One unmeasured start creates the schema (Keycloak's and the bundle's tables), so every measured start finds it.
        long prepStart = System.nanoTime();
        with.start(DB_P6, "p6-prep", List.of(), null);
        try {
            with.awaitReady(prepStart, Duration.ofMinutes(10));
        } finally {
            with.stop();
        }
        double[] startRatio = new double[p6Rounds];
        double[] heapRatio = new double[p6Rounds];
        double[][] startS = new double[2][p6Rounds];
        double[][] heap = new double[2][p6Rounds];
        double[][] rss = new double[2][p6Rounds];
        for (int r = 0; r < p6Rounds; r++) {
            Server[] order = r % 2 == 0 ? new Server[] {without, with} : new Server[] {with, without};
            for (Server server : order) {
                int v = server == with ? 0 : 1;
                long start = System.nanoTime();
                server.start(DB_P6, "p6-" + r, List.of(), null);
                try {
                    startS[v][r] = server.awaitReady(start, Duration.ofMinutes(10));
                    idleWorkload();
                    heap[v][r] = server.heapAfterGcMiB();
                    server.classHistogram(logs.resolve("p6-histogram-" + server.name() + "-" + r + ".txt"));
                    rss[v][r] = server.rssMiB();
                } finally {
                    server.stop();
                }
                report.value("P6", server.name(), r, "start_to_ready_s", startS[v][r]);
                report.value("P6", server.name(), r, "heap_after_full_gc_mib", heap[v][r]);
                report.value("P6", server.name(), r, "rss_mib", rss[v][r]);
            }
            startRatio[r] = startS[0][r] / startS[1][r];
            heapRatio[r] = heap[0][r] / heap[1][r];
            report.value("P6", "ratio", r, "start_ratio", startRatio[r]);
            report.value("P6", "ratio", r, "heap_ratio", heapRatio[r]);
        }
        double start = Load.median(startRatio);
        double heapR = Load.median(heapRatio);
        report.summary(new Report.Summary("P6", "start (kc.sh start --optimized until /health/ready) with the bundle vs without",
                String.format("%.1f s", Load.median(startS[0])), String.format("%.1f s", Load.median(startS[1])), start, "≤ 1.05", start <= 1.05));
        report.summary(new Report.Summary("P6", "heap after a full GC, steady state (idle after a short workload), with vs without",
                String.format("%.1f MiB (RSS %.0f)", Load.median(heap[0]), Load.median(rss[0])),
                String.format("%.1f MiB (RSS %.0f)", Load.median(heap[1]), Load.median(rss[1])), heapR, "≤ 1.05", heapR <= 1.05));
    }

    /** The same small workload on both: discovery documents, admin tokens and the realm list of master. */
    private void idleWorkload() throws Exception {
        Http.Admin fresh = new Http.Admin();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(Server.BASE + "/realms/master/.well-known/openid-configuration")).build();
        for (int i = 0; i < 20; i++) {
            Http.CLIENT.send(discovery, HttpResponse.BodyHandlers.discarding());
            fresh.send("GET", "", null, 200);
        }
        Thread.sleep(2000);
    }

    // ---------------------------------------------------------------- helpers

    private interface Step {
        void run() throws Exception;
    }

    private interface Run {
        Load.Result run() throws Exception;
    }

    private void phase(String name, Step step) {
        long start = System.nanoTime();
        String load = loadAverage();
        log(name + " starting (load average " + load + ")");
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            report.note(name + " FAILED: " + e);
            e.printStackTrace();
        }
        double took = (System.nanoTime() - start) / 1e9;
        report.value(name, "phase", 0, "seconds", took);
        report.note(String.format("%s took %.0f s; load average before: %s, after: %s", name, took, load, loadAverage()));
    }

    private void warmUp(Run... runs) throws Exception {
        for (Run run : runs) {
            Load.Result result = run.run();
            log(String.format("  warm-up: %.1f/s, %d errors%s", result.throughput(), result.errors(),
                    result.firstError() == null ? "" : " (" + result.firstError() + ")"));
        }
    }

    private record Interleaved(List<Load.Result> a, List<Load.Result> b) {
    }

    /** Runs A and B once per round, A first in even rounds and B first in odd ones, so drift hits both alike. */
    private Interleaved interleaved(String measure, String aVariant, Run a, String bVariant, Run b) throws Exception {
        List<Load.Result> as = new ArrayList<>();
        List<Load.Result> bs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Load.Result first = r % 2 == 0 ? a.run() : b.run();
            Load.Result second = r % 2 == 0 ? b.run() : a.run();
            Load.Result ra = r % 2 == 0 ? first : second;
            Load.Result rb = r % 2 == 0 ? second : first;
            record(measure, aVariant, r, ra);
            record(measure, bVariant, r, rb);
            as.add(ra);
            bs.add(rb);
        }
        return new Interleaved(as, bs);
    }

    private void record(String measure, String variant, int round, Load.Result result) {
        report.value(measure, variant, round, "throughput_per_s", result.throughput());
        report.value(measure, variant, round, "ok", result.ok());
        report.value(measure, variant, round, "errors", result.errors());
        report.value(measure, variant, round, "shed", result.shed());
        report.value(measure, variant, round, "p50_ms", result.p50());
        report.value(measure, variant, round, "p95_ms", result.p95());
        log(String.format("  %s round %d %s: %.1f/s, p50 %.1f ms, p95 %.1f ms, %d errors%s", measure, round + 1, variant,
                result.throughput(), result.p50(), result.p95(), result.errors(),
                result.firstError() == null ? "" : " (first: " + result.firstError() + ")"));
        if (result.errors() > 0) {
            report.note(measure + " " + variant + " round " + (round + 1) + ": " + result.errors() + " errors, first: " + result.firstError());
        }
    }

    private static String describe(List<Load.Result> results) {
        double[] throughput = results.stream().mapToDouble(Load.Result::throughput).toArray();
        double[] p50 = results.stream().mapToDouble(Load.Result::p50).toArray();
        double[] p95 = results.stream().mapToDouble(Load.Result::p95).toArray();
        return String.format("%.1f/s (p50 %.0f ms, p95 %.0f ms)", Load.median(throughput), Load.median(p50), Load.median(p95));
    }

    private static String latency(double[] sorted) {
        return String.format("p50 %.0f ms, p95 %.0f ms (n=%d)", Load.percentile(sorted, 50), Load.percentile(sorted, 95), sorted.length);
    }

    private static String table(String title, List<Load.Result> a, List<Load.Result> b) {
        StringBuilder md = new StringBuilder("### ").append(title).append("\n\n| round | variant | throughput/s | p50 ms | p95 ms | errors | shed |\n|---|---|---|---|---|---|---|\n");
        for (int r = 0; r < a.size(); r++) {
            for (Load.Result result : List.of(a.get(r), b.get(r))) {
                md.append(String.format("| %d | %s | %.1f | %.1f | %.1f | %d | %d |%n", r + 1, result.name(), result.throughput(),
                        result.p50(), result.p95(), result.errors(), result.shed()));
            }
        }
        return md.toString();
    }

    private static double[] divide(List<Load.Result> a, List<Load.Result> b) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).throughput() / b.get(i).throughput();
        }
        return out;
    }

    private double[] divideArrays(double[] a, double[] b) {
        double[] out = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static String randomText(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private boolean busyAtStart() {
        try {
            return Double.parseDouble(loadAtStart.split(" ")[0]) > Runtime.getRuntime().availableProcessors();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private void log(String message) {
        System.out.printf("[bench %5.0fs] %s%n", (System.nanoTime() - runStart) / 1e9, message);
    }

    private void writeReport() throws Exception {
        String commit = Server.run(List.of("git", "-C", repo.toString(), "rev-parse", "--short=12", "HEAD")).trim();
        boolean dirty = !Server.run(List.of("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no")).isBlank();
        String cpu = "n/a";
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        double total = (System.nanoTime() - runStart) / 1e9;
        String header = "# KSE benchmarks: latest run\n\n"
                + "Generated by `mvn -Pbenchmarks -pl benchmarks -am verify` (see `benchmarks/README.md`); raw values in "
                + "`latest.csv`; the analysis of missed targets is in `FINDINGS.md`.\n\n"
                + "| | |\n|---|---|\n"
                + "| date (UTC) | " + Instant.now().toString().substring(0, 19) + " |\n"
                + "| commit | " + commit + (dirty ? " (with uncommitted changes)" : "") + " |\n"
                + "| Keycloak | " + keycloakVersion + " (official keycloak-quarkus-dist, `start --optimized`, PostgreSQL "
                + postgresVersion() + " on 127.0.0.1, server heap -Xms512m -Xmx1g" + (jfr ? ", JFR `default` recording on" : "") + ") |\n"
                + "| machine | " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + String.format("%.1f GiB RAM", memKb / 1024.0 / 1024.0) + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (driver and server) |\n"
                + "| run | measures " + String.join(",", new java.util.TreeSet<>(phases)) + "; " + rounds + " rounds (P6: " + p6Rounds + "), " + seconds + " s per measured run; whole run " + String.format("%.0f s", total)
                + " (driver JVM only; add the Maven build) |\n"
                + "| extra server options | " + (serverOptions.isEmpty() ? "none" : "`" + String.join(" ", serverOptions) + "`") + " |\n"
                + "| load average | start " + loadAtStart + ", end " + loadAverage() + " |\n\n"
                + "**Noise:** " + (busyAtStart() ? "the 1-minute load average was above the number of cores when the run began "
                + "(other jobs, or the decay of an earlier run), and the " : "the ")
                + "driver runs on the same cores as the server and PostgreSQL. Absolute numbers are noisy; A and B runs "
                + "alternate inside every round, and the ratios are medians of per-round ratios, which is what the targets are "
                + "about. Trust the ratios more than the absolute numbers, and differences of a few percent not at all.\n";
        String method = "## Method\n\n"
                + "* Server: the official distribution unpacked twice from Maven Central; one home gets the bundle jar in "
                + "`providers/` and the denylist in `data/password-blacklists/` (as the root README instructs), the other stays stock; "
                + "both `kc.sh build --db=postgres --health-enabled=true`, then `start --optimized` with HTTP on 127.0.0.1 and "
                + "`--hostname-strict=false`, on a database of its own (`" + DB + "`, dropped at the end).\n"
                + "* Realms: `kse` is the template `kse-realm-24h.json` as shipped; `stock` is the same template with Keycloak's "
                + "built-in `browser` and `direct grant` flows, no client policies and only the `jboss-logging` listener; `kse-p5` is "
                + "another copy for P5.\n"
                + "* Seeding: users, role mappings, credentials and API keys are inserted in bulk with JDBC, then the user and realm "
                + "caches are cleared over the admin API. Password hashes are copied from a user created over REST (the server "
                + "computed them); API-key hashes come from the product's `SecretHasher` with the server's pepper.\n"
                + "* Load: this JVM (not the server's), `java.net.http`, open-loop arrivals (P1/P2: 600/s, at most 16 in flight; "
                + "P3: 40 logins/s, at most 8 in flight); arrivals that find every slot busy are shed and counted, so throughput "
                + "is the server's saturation throughput. Latency is measured from the scheduled start. Each load phase starts with "
                + "an unrecorded warm-up of every variant.\n"
                + "* P2 compares phase 2 (100k users/keys, random key per request) with phase 1 (1k); the normalised ratio divides "
                + "by client_credentials of the same phase, which does not depend on the number of keys and so removes drift in "
                + "machine load between the phases.\n"
                + "* P4 times only the POST of the update-password form (the request that stores the password and fires the "
                + "events), reached by a login with `kc_action=UPDATE_PASSWORD` and a hand-made cookie jar; the realm's SMTP server "
                + "is a sink in this JVM that greets only after 2 s. Configurations rotate in every round.\n"
                + "* P5 runs with `poll-interval-seconds=1` (the shortest allowed; the default is 5) so that the backlog fits the time "
                + "box; counts come from GreenMail's REST API and the outbox table.\n"
                + "* P6 measures `start --optimized` until `/health/ready` answers UP, on a database whose schema exists (one "
                + "unmeasured start first), then the used heap after `jcmd GC.run` following the same small workload.\n";
        report.write(results, reportName, header, method);
        log("report written to " + results.resolve(reportName + ".md"));
    }

    private static String postgresVersion() {
        try (Db db = new Db("postgres")) {
            return Long.toString(db.count("SELECT current_setting('server_version_num')::int / 10000"));
        } catch (Exception e) {
            return "";
        }
    }
}
