package io.kse.keycloak.it.support;

import java.util.Map;

import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * The template plus {@value #CLIENT}, a script-like public client whose tokens the self-service API accepts: it has
 * the password grant (tests cannot click through a browser for every token) and an Audience mapper for
 * {@value #API_AUDIENCE}, exactly what an operator adds to an app that manages its users' keys.
 */
public class ApiKeyCallerRealm implements RealmConfig {

    public static final String CLIENT = "kse-api-key-cli";
    public static final String API_AUDIENCE = "kse-api-keys";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.clients(client());
    }

    public static ClientBuilder client() {
        return ClientBuilder.create(CLIENT)
                .publicClient(true)
                .directAccessGrantsEnabled(true)
                .protocolMappers(audience(API_AUDIENCE));
    }

    public static ProtocolMapperRepresentation audience(String clientId) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("audience " + clientId);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-audience-mapper");
        mapper.setConfig(Map.of("included.client.audience", clientId, "access.token.claim", "true",
                "introspection.token.claim", "true"));
        return mapper;
    }
}
