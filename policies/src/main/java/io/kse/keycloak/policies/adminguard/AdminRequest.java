package io.kse.keycloak.policies.adminguard;

import java.util.Arrays;
import java.util.List;

/**
 * What a realm admin REST request addresses, for the checks where Keycloak asks about all users without naming one.
 * Paths are those of {@code /admin/realms/{realm}/...}, relative to the server's base URI.
 */
final class AdminRequest {

    private static final AdminRequest OTHER = new AdminRequest(false, null);

    private final boolean userCreation;
    private final String sessionId;

    private AdminRequest(boolean userCreation, String sessionId) {
        this.userCreation = userCreation;
        this.sessionId = sessionId;
    }

    static AdminRequest of(String method, String path) {
        if (method == null || path == null) {
            return OTHER;
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        int start = segments.indexOf("admin");
        if (start < 0 || segments.size() < start + 4 || !"realms".equals(segments.get(start + 1))) {
            return OTHER;
        }
        List<String> rest = segments.subList(start + 3, segments.size());
        if ("POST".equalsIgnoreCase(method) && rest.equals(List.of("users"))) {
            return new AdminRequest(true, null);
        }
        // DELETE /sessions/{id} only checks "manage" on all users, so the guard looks up whose session it is.
        if ("DELETE".equalsIgnoreCase(method) && rest.size() == 2 && "sessions".equals(rest.get(0))) {
            return new AdminRequest(false, rest.get(1));
        }
        return OTHER;
    }

    boolean isUserCreation() {
        return userCreation;
    }

    /** The session a {@code DELETE /sessions/{id}} removes, or null for any other request. */
    String sessionId() {
        return sessionId;
    }
}
