package io.kse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One browser login over plain HTTP: authorization request, the login form, the OTP form (or a required action),
 * the redirect with the code and the code exchange. Keycloak sets its cookies with {@code Secure; SameSite=None}, which
 * {@code java.net.CookieManager} drops on http://, so this keeps its own jar (one realm per login, so paths are
 * ignored). TOTP codes are computed here (RFC 6238 with the template's policy: HmacSHA1, 6 digits, 30 s).
 */
final class BrowserLogin {

    static final String REDIRECT_URI = "http://127.0.0.1:28199/callback";

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*?\\saction=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String realm;
    private final String clientId;
    private final String secret;

    BrowserLogin(String realm, String clientId, String secret) {
        this.realm = realm;
        this.clientId = clientId;
        this.secret = secret;
    }

    /** Password and TOTP, then the code exchange; throws on any unexpected page. */
    void passwordAndOtp(String username, String password, String otpSecret) throws IOException, InterruptedException {
        String loginPage = expectPage(get(authorizationUrl(null)), "login form");
        HttpResponse<String> afterPassword = post(action(loginPage), Http.form("username", username, "password", password,
                "credentialId", ""));
        String otpPage = expectPage(afterPassword, "OTP form");
        if (!otpPage.contains("name=\"otp\"")) {
            throw new IllegalStateException("expected the OTP form for " + username + ", got: " + Http.abbreviate(otpPage));
        }
        HttpResponse<String> afterOtp = follow(post(action(otpPage), Http.form("otp",
                totp(otpSecret, System.currentTimeMillis()), "login", "Sign In")));
        exchange(redirectCode(afterOtp, username));
    }

    /**
     * Password login with {@code kc_action=UPDATE_PASSWORD} (how the account console changes a password), up to the
     * update-password form. Returns the form's action; {@link #submitNewPassword} then sends the change.
     */
    String openPasswordChange(String username, String password) throws IOException, InterruptedException {
        String loginPage = expectPage(get(authorizationUrl("UPDATE_PASSWORD")), "login form");
        String updatePage = expectPage(post(action(loginPage), Http.form("username", username, "password", password,
                "credentialId", "")), "update-password form");
        if (!updatePage.contains("password-new")) {
            throw new IllegalStateException("expected the update-password form for " + username + ", got: "
                    + Http.abbreviate(updatePage));
        }
        return action(updatePage);
    }

    /** The request whose latency P4 measures: the one in which Keycloak stores the password and fires its events. */
    void submitNewPassword(String action, String newPassword) throws IOException, InterruptedException {
        HttpResponse<String> response = follow(post(action, Http.form("password-new", newPassword,
                "password-confirm", newPassword)));
        if (response.statusCode() != 302 || !response.headers().firstValue("Location").orElse("").startsWith(REDIRECT_URI)) {
            throw new IllegalStateException("password change answered " + response.statusCode() + ": "
                    + Http.abbreviate(response.body()));
        }
    }

    private String authorizationUrl(String kcAction) {
        return Server.BASE + "/realms/" + realm + "/protocol/openid-connect/auth?" + Http.form("client_id", clientId,
                "redirect_uri", REDIRECT_URI, "response_type", "code", "scope", "openid", "state", "bench")
                + (kcAction == null ? "" : "&kc_action=" + kcAction);
    }

    private void exchange(String code) throws IOException, InterruptedException {
        HttpResponse<String> token = Http.postForm(Server.BASE + "/realms/" + realm + "/protocol/openid-connect/token",
                Http.basic(clientId, secret), Http.form("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT_URI));
        if (token.statusCode() != 200 || !token.body().contains("access_token")) {
            throw new IllegalStateException("code exchange answered " + token.statusCode() + ": " + Http.abbreviate(token.body()));
        }
    }

    private static String redirectCode(HttpResponse<String> response, String username) {
        String location = response.headers().firstValue("Location").orElse("");
        Matcher matcher = CODE.matcher(location);
        if (response.statusCode() != 302 || !location.startsWith(REDIRECT_URI) || !matcher.find()) {
            throw new IllegalStateException("login of " + username + " did not end in a code: " + response.statusCode()
                    + " " + Http.abbreviate(response.body()));
        }
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    /** Follows Keycloak's own redirects (e.g. to a required action); stops at the client's redirect URI. */
    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 5 && current.statusCode() == 302; hops++) {
            String location = current.headers().firstValue("Location").orElse("");
            if (!location.startsWith(Server.BASE)) {
                break;
            }
            current = get(location);
        }
        return current;
    }

    private String expectPage(HttpResponse<String> raw, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = follow(raw);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("expected the " + what + ", got " + response.statusCode() + " "
                    + response.headers().firstValue("Location").orElse("") + " " + Http.abbreviate(response.body()));
        }
        return response.body();
    }

    private static String action(String page) {
        Matcher matcher = FORM_ACTION.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no form on the page: " + Http.abbreviate(page));
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(60));
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((name, value) -> header.add(name + "=" + value));
            request.header("Cookie", header.toString());
        }
        HttpResponse<String> response = Http.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String lower = setCookie.toLowerCase();
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    /** RFC 6238 over the secret's UTF-8 bytes, as Keycloak's TimeBasedOTP uses the stored value. */
    static String totp(String secret, long epochMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochMillis / 30_000).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
