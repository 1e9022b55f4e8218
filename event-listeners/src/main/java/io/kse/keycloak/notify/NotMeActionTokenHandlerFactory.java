package io.kse.keycloak.notify;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import org.keycloak.Config;
import org.keycloak.authentication.actiontoken.ActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenHandlerFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Action-token handler {@value NotMe#ACTION_ID}: the "this wasn't me" link of user-facing security notices. */
public final class NotMeActionTokenHandlerFactory implements ActionTokenHandlerFactory<NotMeActionToken>,
        ServerInfoAwareProviderFactory {

    private static final NotMeActionTokenHandler HANDLER = new NotMeActionTokenHandler();

    @Override
    public ActionTokenHandler<NotMeActionToken> create(KeycloakSession session) {
        return HANDLER;
    }

    @Override
    public void init(Config.Scope scope) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return NotMe.ACTION_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo();
    }
}
