package io.kse.keycloak.realm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        Object template = Json.parse(Files.readString(sourceDir.resolve("realm.json"), StandardCharsets.UTF_8));
        Set<String> tokens = tokens(template);

        Map<String, Object> defaults = readValues(sourceDir.resolve("profiles").resolve(DEFAULTS + ".properties"));
        Map<String, Map<String, Object>> profiles = readDirectory(sourceDir.resolve("profiles"));
        profiles.remove(DEFAULTS);
        Map<String, Map<String, Object>> variants = readDirectory(sourceDir.resolve("variants"));
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("No profile in " + sourceDir.resolve("profiles"));
        }

        checkKnown(DEFAULTS, defaults, tokens);
        profiles.forEach((name, values) -> checkKnown(name, values, tokens));
        variants.forEach((name, values) -> checkKnown(name, values, tokens));

        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> profile : profiles.entrySet()) {
            Map<String, Object> values = merge(defaults, profile.getValue());
            outputs.put(OUTPUT_PREFIX + profile.getKey() + ".json", Json.write(assemble(template, values)));
            for (Map.Entry<String, Map<String, Object>> variant : variants.entrySet()) {
                Map<String, Object> variantValues = merge(values, variant.getValue());
                outputs.put(OUTPUT_PREFIX + profile.getKey() + "-" + variant.getKey() + ".json",
                        Json.write(assemble(template, variantValues)));
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
    static Object assemble(Object template, Map<String, Object> values) {
        return resolve(template, values, "$");
    }

    /** The names of all tokens the template uses. */
    static Set<String> tokens(Object template) {
        Set<String> found = new TreeSet<>();
        collectTokens(template, found);
        return found;
    }

    /** Reads a properties file whose values are JSON literals. */
    static Map<String, Object> readValues(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
        Map<String, Object> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            try {
                values.put(key, Json.parse(properties.getProperty(key)));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file.getFileName() + ": value of '" + key
                        + "' is not a JSON literal (quote strings): " + ex.getMessage(), ex);
            }
        }
        return values;
    }

    private static Map<String, Map<String, Object>> readDirectory(Path dir) throws IOException {
        Map<String, Map<String, Object>> result = new TreeMap<>();
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

    private static void checkKnown(String source, Map<String, Object> values, Set<String> tokens) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(tokens);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ".properties defines tokens that realm.json does not use: "
                    + unknown);
        }
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new TreeMap<>(base);
        merged.putAll(overrides);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Object node, Map<String, Object> values, String path) {
        if (node instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Object> member : ((Map<String, Object>) node).entrySet()) {
                String key = member.getKey();
                if (key.startsWith(COMMENT_PREFIX)) {
                    continue;
                }
                if (key.contains("{{")) {
                    throw new IllegalArgumentException("Tokens are not allowed in keys: " + path + "." + key);
                }
                copy.put(key, resolve(member.getValue(), values, path + "." + key));
            }
            return copy;
        }
        if (node instanceof List) {
            List<Object> copy = new ArrayList<>();
            List<Object> list = (List<Object>) node;
            for (int i = 0; i < list.size(); i++) {
                copy.add(resolve(list.get(i), values, path + "[" + i + "]"));
            }
            return copy;
        }
        if (node instanceof String) {
            return resolveString((String) node, values, path);
        }
        return node;
    }

    private static Object resolveString(String text, Map<String, Object> values, String path) {
        // "{{ name }}" or "{{name}" would otherwise reach Keycloak as literal text.
        if (TOKEN.matcher(text).results().count() < countOpenings(text)) {
            throw new IllegalArgumentException("Malformed token at " + path + ": " + text);
        }
        Matcher whole = TOKEN.matcher(text);
        if (whole.matches()) {
            // Round-trip through text so the output never shares mutable structure with the values map.
            return Json.parse(Json.write(lookup(whole.group(1), values, path)));
        }
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = lookup(matcher.group(1), values, path);
            if (!(value instanceof String || value instanceof BigDecimal || value instanceof Boolean)) {
                throw new IllegalArgumentException("Token {{" + matcher.group(1) + "}} at " + path
                        + " is part of a longer string, so its value must be a string, number or boolean");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Object lookup(String token, Map<String, Object> values, String path) {
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

    @SuppressWarnings("unchecked")
    private static void collectTokens(Object node, Set<String> found) {
        if (node instanceof Map) {
            for (Map.Entry<String, Object> member : ((Map<String, Object>) node).entrySet()) {
                if (!member.getKey().startsWith(COMMENT_PREFIX)) {
                    collectTokens(member.getValue(), found);
                }
            }
        } else if (node instanceof List) {
            ((List<Object>) node).forEach(item -> collectTokens(item, found));
        } else if (node instanceof String) {
            Matcher matcher = TOKEN.matcher((String) node);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
    }
}
