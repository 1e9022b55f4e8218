package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the User-Agent parser, whose input is any request header: fuzzed for 20 s in every build
 * ({@code kse.fuzz}), otherwise a regression test. The result goes into mails: plain, short, never markup.
 */
class UserAgentsFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyHeaderGivesAShortPlainDescription(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();

        String described = UserAgents.describe(header);

        assertThat(described).isNotBlank().matches("[A-Za-z0-9 ./_-]+");
        assertThat(described.length()).isLessThanOrEqualTo(UserAgents.MAX_DESCRIPTION_LENGTH);
    }
}
