package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.streams.query.Audience;

class ApiTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokensComeFromTheLegacySettingTheListAndTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), """
                # analysts of the study team
                analyst   file-analyst-token

                public file-public-token
                """);

        ApiTokens tokens = ApiTokens.parse(new Password("legacy-token"),
                new Password("analyst:list-analyst-token, public:list-public-token\npublic:another-public-token"),
                file.toString());

        assertThat(tokens.audienceOf("legacy-token")).contains(Audience.ANALYST);
        assertThat(tokens.audienceOf("list-analyst-token")).contains(Audience.ANALYST);
        assertThat(tokens.audienceOf("list-public-token")).contains(Audience.PUBLIC);
        assertThat(tokens.audienceOf("another-public-token")).contains(Audience.PUBLIC);
        assertThat(tokens.audienceOf("file-analyst-token")).contains(Audience.ANALYST);
        assertThat(tokens.audienceOf("file-public-token")).contains(Audience.PUBLIC);
        assertThat(tokens.audienceOf("file-public-token-")).isEmpty();
        assertThat(tokens.audienceOf("")).isEmpty();
        assertThat(tokens.toString()).doesNotContain("token-");
    }

    @Test
    void badEntriesAreRefusedNamingWhereButNeverTheToken() throws Exception {
        assertThatThrownBy(() -> ApiTokens.parse(null, new Password("admin:secret-token"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown audience 'admin'")
                .hasMessageNotContaining("secret-token");
        assertThatThrownBy(() -> ApiTokens.parse(null, new Password("just-a-token"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'audience:token'")
                .hasMessageNotContaining("just-a-token");
        Path file = Files.writeString(dir.resolve("bad"), "analyst one two\n");
        assertThatThrownBy(() -> ApiTokens.parse(null, null, file.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 1").hasMessageNotContaining("two");
        assertThatThrownBy(() -> ApiTokens.parse(null, null, dir.resolve("missing").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> ApiTokens.parse(null, new Password("analyst:same-token,public:same-token"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("two audiences");
    }

    @Test
    void requiringATokenWithoutAnyIsRefused() {
        assertThatThrownBy(() -> new SurveyApiConfig(ApiTestServer.config(SurveyApiConfig.REQUIRE_TOKEN, true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("every request would be refused");
    }
}
