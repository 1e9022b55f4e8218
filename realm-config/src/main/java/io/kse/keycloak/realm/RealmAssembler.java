package io.kse.keycloak.realm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds ready-to-import realm files from one hand-written template and small profile files, so that no two
 * realm files are kept in sync by hand.
 *
 * <p>Source layout ({@code src/main/realm}):
 * <ul>
 *   <li>{@code realm.json}: the template, valid JSON. A string that is exactly one {@code {{token}}} is replaced
 *       by the token's JSON value (so numbers stay numbers); a token inside a longer string is spliced in as
 *       text. Members whose key starts with {@value #COMMENT_PREFIX} are notes for reviewers and are dropped.</li>
 *   <li>{@code profiles/defaults.properties}: values shared by every profile.</li>
 *   <li>{@code profiles/<name>.properties}: one output {@code kse-realm-<name>.json} each.</li>
 *   <li>{@code variants/<name>.properties}: applied on top of every profile, giving
 *       {@code kse-realm-<profile>-<name>.json}.</li>
 * </ul>
 * Property values are JSON literals ({@code 900}, {@code "REQUIRED"}, {@code true}). The build fails when a
 * token has no value or a properties file names a token the template does not use.
 */
public final class RealmAssembler {

    static final String COMMENT_PREFIX = "$comment";
    static final String DEFAULTS = "defaults";
    static final String OUTPUT_PREFIX = "kse-realm-";

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    /**
     * Strict reader: duplicate keys and trailing content are errors, as they hide template mistakes. Objects keep
     * their key order (so the output stays diffable) and numbers are kept exactly as written.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Two-space indentation, {@code "key": value}, {@code {}} and {@code []} for empty containers. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private RealmAssembler() {
    }

    /**
     * Build-time entry point.
     *
     * @param args the source directory and the output directory
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: RealmAssembler <source dir> <output dir>");
        }
        Map<String, String> written = assembleAll(Path.of(args[0]), Path.of(args[1]));
        System.out.println("[kse-realm-config] wrote " + String.join(", ", written.keySet()));
    }

    /**
     * Assembles every profile and profile-variant pair and writes them to {@code outputDir}.
     *
     * @return file name to file content, in the order written
     */
    static Map<String, String> assembleAll(Path sourceDir, Path outputDir) throws IOException {
        JsonNode template = readJson(Files.readString(sourceDir.resolve("realm.json"), StandardCharsets.UTF_8));
        Set<String> tokens = tokens(template);

        Map<String, JsonNode> defaults = readValues(sourceDir.resolve("profiles").resolve(DEFAULTS + ".properties"));
        Map<String, Map<String, JsonNode>> profiles = readDirectory(sourceDir.resolve("profiles"));
        profiles.remove(DEFAULTS);
        Map<String, Map<String, JsonNode>> variants = readDirectory(sourceDir.resolve("variants"));
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("No profile in " + sourceDir.resolve("profiles"));
        }

        checkKnown(DEFAULTS, defaults, tokens);
        profiles.forEach((name, values) -> checkKnown(name, values, tokens));
        variants.forEach((name, values) -> checkKnown(name, values, tokens));

        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, JsonNode>> profile : profiles.entrySet()) {
            Map<String, JsonNode> values = merge(defaults, profile.getValue());
            outputs.put(OUTPUT_PREFIX + profile.getKey() + ".json", writeJson(assemble(template, values)));
            for (Map.Entry<String, Map<String, JsonNode>> variant : variants.entrySet()) {
                Map<String, JsonNode> variantValues = merge(values, variant.getValue());
                outputs.put(OUTPUT_PREFIX + profile.getKey() + "-" + variant.getKey() + ".json",
                        writeJson(assemble(template, variantValues)));
            }
        }

        Files.createDirectories(outputDir);
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            Files.writeString(outputDir.resolve(output.getKey()), output.getValue(), StandardCharsets.UTF_8);
        }
        return outputs;
    }

    /**
     * Replaces every token in a copy of {@code template} and drops comment members.
     *
     * @throws IllegalArgumentException if a token has no value or a value cannot stand where it is used
     */
    static JsonNode assemble(JsonNode template, Map<String, JsonNode> values) {
        return resolve(template, values, "$");
    }

    /** The names of all tokens the template uses. */
    static Set<String> tokens(JsonNode template) {
        Set<String> found = new TreeSet<>();
        collectTokens(template, found);
        return found;
    }

    /** Reads a properties file whose values are JSON literals. */
    static Map<String, JsonNode> readValues(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
        Map<String, JsonNode> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            try {
                values.put(key, readJson(properties.getProperty(key)));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file.getFileName() + ": value of '" + key
                        + "' is not a JSON literal (quote strings): " + ex.getMessage(), ex);
            }
        }
        return values;
    }

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException with the line and column if {@code text} is not exactly one JSON value
     */
    static JsonNode readJson(String text) {
        JsonNode value;
        try {
            value = MAPPER.readTree(text);
        } catch (JsonProcessingException ex) {
            JsonLocation at = ex.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("Invalid JSON" + where + ": " + ex.getOriginalMessage(), ex);
        }
        if (value == null || value.isMissingNode()) {
            throw new IllegalArgumentException("Invalid JSON: no value");
        }
        return value;
    }

    /** Writes a value pretty-printed with two-space indentation and a trailing newline. */
    static String writeJson(JsonNode value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Cannot write JSON", ex);
        }
    }

    private static Map<String, Map<String, JsonNode>> readDirectory(Path dir) throws IOException {
        Map<String, Map<String, JsonNode>> result = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties"))
                    .collect(Collectors.toList())) {
                String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
                result.put(name, readValues(file));
            }
        }
        return result;
    }

    private static void checkKnown(String source, Map<String, JsonNode> values, Set<String> tokens) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(tokens);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ".properties defines tokens that realm.json does not use: "
                    + unknown);
        }
    }

    private static Map<String, JsonNode> merge(Map<String, JsonNode> base, Map<String, JsonNode> overrides) {
        Map<String, JsonNode> merged = new TreeMap<>(base);
        merged.putAll(overrides);
        return merged;
    }

    private static JsonNode resolve(JsonNode node, Map<String, JsonNode> values, String path) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = member.getKey();
                if (key.startsWith(COMMENT_PREFIX)) {
                    continue;
                }
                if (key.contains("{{")) {
                    throw new IllegalArgumentException("Tokens are not allowed in keys: " + path + "." + key);
                }
                copy.set(key, resolve(member.getValue(), values, path + "." + key));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(resolve(node.get(i), values, path + "[" + i + "]"));
            }
            return copy;
        }
        if (node.isTextual()) {
            return resolveString(node.textValue(), values, path);
        }
        return node;
    }

    private static JsonNode resolveString(String text, Map<String, JsonNode> values, String path) {
        // "{{ name }}" or "{{name}" would otherwise reach Keycloak as literal text.
        if (TOKEN.matcher(text).results().count() < countOpenings(text)) {
            throw new IllegalArgumentException("Malformed token at " + path + ": " + text);
        }
        Matcher whole = TOKEN.matcher(text);
        if (whole.matches()) {
            // A copy, so the output never shares mutable structure with the values map.
            return lookup(whole.group(1), values, path).deepCopy();
        }
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = lookup(matcher.group(1), values, path);
            if (!value.isValueNode() || value.isNull()) {
                throw new IllegalArgumentException("Token {{" + matcher.group(1) + "}} at " + path
                        + " is part of a longer string, so its value must be a string, number or boolean");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        matcher.appendTail(out);
        return NODES.textNode(out.toString());
    }

    private static JsonNode lookup(String token, Map<String, JsonNode> values, String path) {
        if (!values.containsKey(token)) {
            throw new IllegalArgumentException("Token {{" + token + "}} at " + path + " has no value");
        }
        return values.get(token);
    }

    private static long countOpenings(String text) {
        long count = 0;
        for (int i = text.indexOf("{{"); i >= 0; i = text.indexOf("{{", i + 2)) {
            count++;
        }
        return count;
    }

    private static void collectTokens(JsonNode node, Set<String> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!member.getKey().startsWith(COMMENT_PREFIX)) {
                    collectTokens(member.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectTokens(item, found));
        } else if (node.isTextual()) {
            Matcher matcher = TOKEN.matcher(node.textValue());
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
    }
}
