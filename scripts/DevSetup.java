import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dev-server set-up after Keycloak is ready, run as a single-file program (java DevSetup.java ...) so that a fresh
 * machine needs nothing but a JDK: points the realm's SMTP at GreenMail and creates one demo user per role.
 * Idempotent: existing users are left as they are. Never used in production; the passwords are printed on purpose.
 */
public final class DevSetup {

    private record DemoUser(String role, String username, String password) {
    }

    // Demo credentials only: each meets the template's policy (12+ characters, four classes, not the username).
    private static final List<DemoUser> USERS = List.of(
            new DemoUser("root", "root.demo", "Root-demo-pass-1"),
            new DemoUser("admin", "admin.demo", "Admin-demo-pass-1"),
            new DemoUser("billing", "billing.demo", "Billing-demo-pass-1"),
            new DemoUser("developer", "developer.demo", "Developer-demo-pass-1"),
            new DemoUser("monitor", "monitor.demo", "Monitor-demo-pass-1"));

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String realm;
    private String token;

    private DevSetup(String baseUrl, String realm) {
        this.baseUrl = baseUrl;
        this.realm = realm;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java DevSetup.java <keycloak-url> <realm> <smtp-host> <smtp-port>");
            System.exit(2);
        }
        DevSetup setup = new DevSetup(args[0], args[1]);
        setup.login();
        setup.configureSmtp(args[2], args[3]);
        System.out.printf("%n  Demo users of realm '%s' (email <username>@kse.localhost):%n", args[1]);
        for (DemoUser user : USERS) {
            System.out.printf("    %-10s %-16s %-22s %s%n", user.role(), user.username(), user.password(), setup.ensureUser(user));
        }
    }

    private void login() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        token = extract(ACCESS_TOKEN, expect(response, 200));
    }

    private void configureSmtp(String host, String port) throws Exception {
        String body = "{\"smtpServer\":{\"host\":\"" + host + "\",\"port\":\"" + port
                + "\",\"from\":\"noreply@kse.localhost\",\"fromDisplayName\":\"Keycloak Security Essentials (dev)\"}}";
        expect(send("PUT", "/admin/realms/" + realm, body), 204);
    }

    private String ensureUser(DemoUser user) throws Exception {
        String existing = expect(send("GET", "/admin/realms/" + realm + "/users?exact=true&username="
                + URLEncoder.encode(user.username(), StandardCharsets.UTF_8), null), 200);
        if (!existing.equals("[]")) {
            return "(exists)";
        }
        String body = "{\"username\":\"" + user.username() + "\",\"email\":\"" + user.username() + "@kse.localhost\","
                + "\"firstName\":\"Demo\",\"lastName\":\"" + user.role() + "\",\"enabled\":true,\"emailVerified\":true,"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + user.password() + "\",\"temporary\":false}]}";
        HttpResponse<String> created = send("POST", "/admin/realms/" + realm + "/users", body);
        expect(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        String role = expect(send("GET", "/admin/realms/" + realm + "/roles/" + user.role(), null), 200);
        expect(send("POST", "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm",
                "[{\"id\":\"" + extract(ID, role) + "\",\"name\":\"" + user.role() + "\"}]"), 204);
        return "(created)";
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String extract(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected response: " + json);
        }
        return matcher.group(1);
    }
}
