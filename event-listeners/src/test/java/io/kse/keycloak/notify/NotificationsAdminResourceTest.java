package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class NotificationsAdminResourceTest {

    @Test
    void onlyUuidLikeIdsReachTheDatabase() {
        assertThat(NotificationsAdminResource.wellFormedId(UUID.randomUUID().toString())).isTrue();
        // HttpFuzzIT on PostgreSQL: a NUL in the path made the lookup fail with a 500 (H2 accepts NUL, PostgreSQL not).
        assertThat(NotificationsAdminResource.wellFormedId("4e\u0000p")).isFalse();
        assertThat(NotificationsAdminResource.wellFormedId("../x")).isFalse();
        assertThat(NotificationsAdminResource.wellFormedId("")).isFalse();
        assertThat(NotificationsAdminResource.wellFormedId(null)).isFalse();
        assertThat(NotificationsAdminResource.wellFormedId("a".repeat(65))).isFalse();
    }
}
