package io.kse.keycloak.apikey.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

class TokenRestrictionsTest {

    @Test
    void aRoleRestrictionKeepsOnlyAllowedRealmRolesTheUserHoldsAndDropsClientRoles() {
        AccessToken token = token();

        TokenRestrictions.restrictRoles(token, List.of("developer", "root"));

        assertThat(token.getRealmAccess().getRoles()).containsExactly("developer");
        assertThat(token.getResourceAccess()).isNullOrEmpty();
    }

    @Test
    void anEmptyRestrictionLeavesNoRoles() {
        AccessToken token = token();

        TokenRestrictions.restrictRoles(token, List.of());

        assertThat(token.getRealmAccess().getRoles()).isEmpty();
    }

    @Test
    void withoutRestrictionTheTokenIsUnchanged() {
        AccessToken token = token();

        TokenRestrictions.restrictRoles(token, null);

        assertThat(token.getRealmAccess().getRoles()).containsExactlyInAnyOrder("developer", "monitor");
        assertThat(token.getResourceAccess()).containsKey("account");
    }

    @Test
    void theShortcutIsTwoCharactersAsKeycloakEncodesItIntoTokenIds() {
        assertThat(new ApiKeyGrantTypeFactory().getShortcut()).hasSize(2);
        assertThat(new ApiKeyGrantTypeFactory().getId()).isEqualTo("urn:kse:params:oauth:grant-type:api-key");
    }

    private static AccessToken token() {
        AccessToken token = new AccessToken();
        token.setRealmAccess(new AccessToken.Access().roles(new java.util.HashSet<>(Set.of("developer", "monitor"))));
        token.addAccess("account").addRole("manage-account");
        return token;
    }
}
