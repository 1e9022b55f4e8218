package io.kse.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealmAssemblerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Nested
    @DisplayName("Token replacement")
    class Replacement {

        @Test
        @DisplayName("Given a token standing alone, then a number value stays a number")
        void standaloneNumber() throws IOException {
            JsonNode out = assemble("{\"idle\": \"{{idle}}\"}", Map.of("idle", json("900")));

            assertThat(out.get("idle").isInt()).isTrue();
            assertThat(out.get("idle").asInt()).isEqualTo(900);
        }

        @Test
        @DisplayName("Given a token standing alone, then string, boolean and array values keep their JSON type")
        void standaloneOtherTypes() throws IOException {
            JsonNode out = assemble("{\"a\": \"{{a}}\", \"b\": [\"{{b}}\"], \"c\": \"{{c}}\"}",
                    Map.of("a", json("\"REQUIRED\""), "b", json("true"), "c", json("[1, \"x\"]")));

            assertThat(out.get("a").asText()).isEqualTo("REQUIRED");
            assertThat(out.get("b").get(0).isBoolean()).isTrue();
            assertThat(out.get("c").toString()).isEqualTo("[1,\"x\"]");
        }

        @Test
        @DisplayName("Given tokens inside a longer string, then their values are spliced in as text")
        void embedded() throws IOException {
            JsonNode out = assemble("{\"p\": \"length({{len}}){{extra}} and notUsername\"}",
                    Map.of("len", json("12"), "extra", json("\" and digits(1)\"")));

            assertThat(out.get("p").asText()).isEqualTo("length(12) and digits(1) and notUsername");
        }

        @Test
        @DisplayName("Given a string value with quotes, then the output escapes them")
        void escaping() throws IOException {
            JsonNode out = assemble("{\"s\": \"{{s}}\"}", Map.of("s", json("\"say \\\"hi\\\"\\\\\"")));

            assertThat(out.get("s").asText()).isEqualTo("say \"hi\"\\");
        }

        @Test
        @DisplayName("Given $comment members, then they are dropped at every level")
        void comments() throws IOException {
            JsonNode out = assemble("{\"$comment\": \"x\", \"a\": [{\"$comment:why\": \"y\", \"b\": 1}]}", Map.of());

            assertThat(out.toString()).isEqualTo("{\"a\":[{\"b\":1}]}");
        }

        @Test
        @DisplayName("Given a token without a value, then assembly fails and names the token")
        void missingToken() {
            JsonNode template = json("{\"idle\": \"{{idle}}\"}");

            assertThatThrownBy(() -> RealmAssembler.assemble(template, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("{{idle}}")
                    .hasMessageContaining("$.idle");
        }

        @Test
        @DisplayName("Given an object value inside a longer string, then assembly fails")
        void objectInsideString() {
            JsonNode template = json("{\"p\": \"x{{o}}\"}");

            assertThatThrownBy(() -> RealmAssembler.assemble(template, Map.of("o", json("{}"))))
                    .hasMessageContaining("part of a longer string");
        }

        @Test
        @DisplayName("Given a malformed token, then assembly fails instead of shipping it as text")
        void malformedToken() {
            JsonNode template = json("{\"p\": \"{{ idle }}\"}");

            assertThatThrownBy(() -> RealmAssembler.assemble(template, Map.of("idle", json("1"))))
                    .hasMessageContaining("Malformed token");
        }
    }

    @Nested
    @DisplayName("Profiles on disk")
    class Profiles {

        @TempDir
        Path dir;

        @Test
        @DisplayName("Given a profile and a variant, then every combination is written and parses")
        void writesCombinations() throws IOException {
            source("{\"idle\": \"{{idle}}\", \"policy\": \"length({{len}})\"}",
                    "len = 12", "idle = 900", "len = 15");

            Map<String, String> written = RealmAssembler.assembleAll(dir.resolve("src"), dir.resolve("out"));

            assertThat(written).containsOnlyKeys("kse-realm-15m.json", "kse-realm-15m-nist.json");
            JsonNode nist = MAPPER.readTree(dir.resolve("out/kse-realm-15m-nist.json").toFile());
            assertThat(nist.get("idle").asInt()).isEqualTo(900);
            assertThat(nist.get("policy").asText()).isEqualTo("length(15)");
        }

        @Test
        @DisplayName("Given a profile that defines a token the template does not use, then the build fails")
        void unknownToken() throws IOException {
            source("{\"idle\": \"{{idle}}\"}", "", "idle = 900\nidel = 901", null);

            assertThatThrownBy(() -> RealmAssembler.assembleAll(dir.resolve("src"), dir.resolve("out")))
                    .hasMessageContaining("15m.properties")
                    .hasMessageContaining("idel");
        }

        @Test
        @DisplayName("Given a profile that leaves a token undefined, then the build fails")
        void undefinedToken() throws IOException {
            source("{\"idle\": \"{{idle}}\", \"max\": \"{{max}}\"}", "", "idle = 900", null);

            assertThatThrownBy(() -> RealmAssembler.assembleAll(dir.resolve("src"), dir.resolve("out")))
                    .hasMessageContaining("{{max}}");
        }

        @Test
        @DisplayName("Given an unquoted string value, then the build fails and says to quote it")
        void unquotedString() throws IOException {
            source("{\"b\": \"{{b}}\"}", "", "b = REQUIRED", null);

            assertThatThrownBy(() -> RealmAssembler.assembleAll(dir.resolve("src"), dir.resolve("out")))
                    .hasMessageContaining("quote strings");
        }

        private void source(String template, String defaults, String profile, String variant) throws IOException {
            Path src = Files.createDirectories(dir.resolve("src/profiles"));
            Files.writeString(dir.resolve("src/realm.json"), template, StandardCharsets.UTF_8);
            Files.writeString(src.resolve("defaults.properties"), defaults, StandardCharsets.UTF_8);
            Files.writeString(src.resolve("15m.properties"), profile, StandardCharsets.UTF_8);
            if (variant != null) {
                Path variants = Files.createDirectories(dir.resolve("src/variants"));
                Files.writeString(variants.resolve("nist.properties"), variant, StandardCharsets.UTF_8);
            }
        }
    }

    @Nested
    @DisplayName("JSON reader and writer (Jackson, configured strictly)")
    class Reader {

        @Test
        @DisplayName("Given a duplicate key, then parsing fails")
        void duplicateKey() {
            assertThatThrownBy(() -> json("{\"a\": 1, \"a\": 2}")).hasMessageContaining("Duplicate field");
        }

        @Test
        @DisplayName("Given a trailing comma, then parsing fails with a line number")
        void trailingComma() {
            assertThatThrownBy(() -> json("{\n\"a\": 1,\n}")).hasMessageContaining("line 3");
        }

        @Test
        @DisplayName("Given content after the value or no value at all, then parsing fails")
        void trailingOrEmpty() {
            assertThatThrownBy(() -> json("1 2")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> json(" ")).hasMessageContaining("no value");
        }

        @Test
        @DisplayName("Given any value, then write and parse round-trip")
        void roundTrip() {
            JsonNode value = json("{\"a\": [1, 2.5, -3e2, true, null, \"\\u00e9\\n\"], \"b\": {}}");

            assertThat(json(RealmAssembler.writeJson(value))).isEqualTo(value);
        }
    }

    private static JsonNode assemble(String template, Map<String, JsonNode> values) throws IOException {
        return MAPPER.readTree(RealmAssembler.writeJson(RealmAssembler.assemble(json(template), values)));
    }

    private static JsonNode json(String text) {
        return RealmAssembler.readJson(text);
    }
}
