package io.kse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects raw values (CSV) and summary lines (Markdown) and writes both. */
final class Report {

    record Summary(String id, String measure, String a, String b, double ratio, String target, Boolean met) {
    }

    private final List<String> csv = new ArrayList<>(List.of("measure,variant,round,metric,value"));
    private final List<Summary> summaries = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void value(String measure, String variant, int round, String metric, double value) {
        csv.add(String.join(",", measure, variant, Integer.toString(round), metric, fmt(value)));
    }

    void summary(Summary summary) {
        summaries.add(summary);
    }

    void section(String markdown) {
        sections.add(markdown);
    }

    void note(String text) {
        notes.add(text);
        System.out.println("[bench] note: " + text);
    }

    void write(Path dir, String name, String header, String method) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".csv"), csv);
        StringBuilder md = new StringBuilder(header).append("\n## Results\n\n")
                .append("| id | measure | A | B | ratio (median of per-round ratios) | target | met |\n|---|---|---|---|---|---|---|\n");
        for (Summary s : summaries) {
            md.append("| ").append(s.id()).append(" | ").append(s.measure()).append(" | ").append(s.a()).append(" | ")
                    .append(s.b()).append(" | ").append(fmt(s.ratio())).append(" | ").append(s.target()).append(" | ")
                    .append(s.met() == null ? "n/a" : s.met() ? "yes" : "**no**").append(" |\n");
        }
        for (String section : sections) {
            md.append('\n').append(section).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append("\n## Observations recorded during the run\n\n");
            notes.forEach(n -> md.append("* ").append(n).append('\n'));
        }
        md.append('\n').append(method);
        Files.writeString(dir.resolve(name + ".md"), md.toString());
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
