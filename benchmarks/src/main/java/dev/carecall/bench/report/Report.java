package dev.carecall.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every figure of a run with its target beside it, printed as it is measured and at the end as one table (also
 * written to a Markdown file for the README). Figures are never asserted: a target missed is a line that says so.
 */
public final class Report {
    /** Whether a figure meets its target; {@link #INFO} has none. */
    public enum Verdict {
        MET("met"), MISSED("NOT met"), INFO("");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /** One line of the table. */
    public record Figure(String part, String name, String value, String target, Verdict verdict) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A figure without a target (context: counts, rates, the generator's own load). */
    public synchronized void info(String part, String name, String value) {
        add(new Figure(part, name, value, "", Verdict.INFO));
    }

    /** A figure with its target; {@code met} says whether the measured value meets it. */
    public synchronized void target(String part, String name, String value, String target, boolean met) {
        add(new Figure(part, name, value, target, met ? Verdict.MET : Verdict.MISSED));
    }

    /** A sentence printed under the table (why a part did not run, where the time went). */
    public synchronized void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
    }

    private void add(Figure figure) {
        figures.add(figure);
        System.out.printf("  %-28s %-44s %-26s %s%s%n", figure.part(), figure.name(), figure.value(),
                figure.target().isEmpty() ? "" : "target " + figure.target(),
                figure.verdict() == Verdict.INFO ? "" : " (" + figure.verdict().text + ")");
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The table in Markdown, with the notes below it. */
    public synchronized String markdown(String heading) {
        StringBuilder out = new StringBuilder(heading).append("\n\n");
        out.append("| part | figure | measured | target | |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.part()).append(" | ").append(f.name()).append(" | ").append(f.value())
                    .append(" | ").append(f.target()).append(" | ").append(f.verdict().text).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            for (String note : notes) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    public void write(Path file, String heading) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown(heading));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds with one decimal from nanoseconds. */
    public static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    /** Mebibytes with one decimal from bytes. */
    public static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
