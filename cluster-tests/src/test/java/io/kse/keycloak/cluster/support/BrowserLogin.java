package io.kse.keycloak.cluster.support;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser login over plain HTTP, with its own cookie jar (Keycloak's cookies are {@code Secure}, which
 * {@code java.net.CookieManager} drops on http): login form, then the authenticator-app set-up of Keycloak's
 * {@code CONFIGURE_TOTP} required action, the way a user's browser submits them.
 */
public final class BrowserLogin {

    private static final Pattern FORM = Pattern.compile("<form[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern ANY_FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern TOTP_SECRET = Pattern.compile("name=\"totpSecret\"[^>]*value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Logs {@code username} in through {@code node} and sets up an authenticator app; returns the app's secret. */
    public String enrolAuthenticatorApp(KeycloakNode node, String username) {
        String auth = node.url() + "/realms/" + Kse.REALM + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + Kse.appId() + "&redirect_uri=" + Http.encode(Kse.redirectUri()) + "&state=cluster";
        Http.Reply page = follow(node, keep(Http.get(auth, cookies)));
        String action = formAction(page, "kc-form-login");
        page = follow(node, keep(Http.form(action, null, null,
                Http.fields("username", username, "password", Kse.PASSWORD, "credentialId", ""), cookies)));
        String secret = find(TOTP_SECRET, page, "authenticator-app set-up page");
        String totpAction = formAction(page, "kc-totp-settings-form");
        Http.Reply done = keep(Http.form(totpAction, null, null, Http.fields("totp", Totp.code(secret, Instant.now()),
                "totpSecret", secret, "userLabel", "cluster phone", "mode", ""), cookies));
        String location = done.header("location");
        if (done.status() != 302 || location == null || !location.startsWith(Kse.redirectUri()) || !location.contains("code=")) {
            Matcher form = ANY_FORM.matcher(done.body());
            throw new IllegalStateException("set-up not accepted: " + done.status() + " " + location
                    + (form.find() ? " next form " + form.group(1) : ""));
        }
        return secret;
    }

    /** Follows redirects within Keycloak (never to the client's redirect URI) and returns the page. */
    private Http.Reply follow(KeycloakNode node, Http.Reply reply) {
        Http.Reply current = reply;
        for (int hops = 0; hops < 5 && current.status() / 100 == 3; hops++) {
            String location = current.header("location");
            if (location == null || location.startsWith(Kse.redirectUri())) {
                return current;
            }
            URI target = URI.create(node.url()).resolve(location);
            current = keep(Http.get(target.toString(), cookies));
        }
        if (current.status() != 200) {
            throw new IllegalStateException("unexpected answer " + current);
        }
        return current;
    }

    private Http.Reply keep(Http.Reply reply) {
        List<String> setCookies = reply.headers().getOrDefault("set-cookie", List.of());
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return reply;
    }

    /** The action of the form with this id (attributes in any order). */
    private static String formAction(Http.Reply page, String id) {
        Matcher forms = FORM.matcher(page.body());
        while (forms.find()) {
            Matcher action = ACTION.matcher(forms.group());
            if (forms.group().contains("id=\"" + id + "\"") && action.find()) {
                return action.group(1).replace("&amp;", "&");
            }
        }
        throw new IllegalStateException("no form " + id + " in " + page.status() + " page: "
                + page.body().substring(0, Math.min(2000, page.body().length())));
    }

    private static String find(Pattern pattern, Http.Reply page, String what) {
        Matcher matcher = pattern.matcher(page.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no " + what + " in " + page.status() + " page: "
                    + page.body().substring(0, Math.min(2000, page.body().length())));
        }
        return matcher.group(1).replace("&amp;", "&");
    }
}
