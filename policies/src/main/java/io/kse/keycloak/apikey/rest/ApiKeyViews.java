package io.kse.keycloak.apikey.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kse.keycloak.apikey.ApiKeyLifetime;
import io.kse.keycloak.apikey.ApiKeyService;
import io.kse.keycloak.apikey.jpa.ApiKeyEntity;

/** JSON shapes of keys. A listed key never has its secret or hash; only create and rotate add the key, once. */
final class ApiKeyViews {

    static final String STATUS_ACTIVE = "active";
    static final String STATUS_EXPIRED = "expired";
    static final String STATUS_REVOKED = "revoked";

    private ApiKeyViews() {
    }

    static Map<String, Object> of(ApiKeyEntity key, long now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.getKeyId());
        view.put("label", key.getLabel());
        view.put("status", key.getRevokedAt() != null ? STATUS_REVOKED
                : ApiKeyLifetime.usable(now, key.getExpiresAt(), null) ? STATUS_ACTIVE : STATUS_EXPIRED);
        view.put("createdAt", key.getCreatedAt());
        view.put("expiresAt", key.getExpiresAt());
        view.put("revokedAt", key.getRevokedAt());
        view.put("rotatedAt", key.getRotatedAt());
        view.put("rotatedFrom", key.getRotatedFrom());
        view.put("lastUsedAt", key.getLastUsedAt());
        view.put("lastUsedIp", key.getLastUsedIp());
        view.put("roles", ApiKeyService.split(key.getAllowedRoles()));
        view.put("scopes", ApiKeyService.split(key.getAllowedScopes()));
        return view;
    }

    static Map<String, Object> issued(ApiKeyService.Issued issued, long now) {
        Map<String, Object> view = of(issued.key(), now);
        view.put("key", issued.plaintext());
        return view;
    }

    static Map<String, Object> error(String error, String description) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("error", error);
        view.put("error_description", description);
        return view;
    }
}
