package io.kse.keycloak.notify;

import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.authentication.actiontoken.ActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenHandlerFactory;
import org.keycloak.models.KeycloakSession;

/** Action-token handler {@value NotMe#ACTION_ID}: the "this wasn't me" link of user-facing security notices. */
public final class NotMeActionTokenHandlerFactory implements ActionTokenHandlerFactory<NotMeActionToken>,
        KseProviderFactory<ActionTokenHandler<NotMeActionToken>> {

    private static final NotMeActionTokenHandler HANDLER = new NotMeActionTokenHandler();

    @Override
    public ActionTokenHandler<NotMeActionToken> create(KeycloakSession session) {
        return HANDLER;
    }

    @Override
    public String getId() {
        return NotMe.ACTION_ID;
    }
}
