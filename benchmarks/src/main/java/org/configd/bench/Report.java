package org.configd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a run produced: the table on stdout and the JSON document in benchmarks/results/.
 *
 * @param command   the command line that produced it
 * @param date      when it started, ISO-8601 local time
 * @param machine   where
 * @param subject   what configd was measured (checkout or installed, class-data archives or not)
 * @param loadStart the load averages when it started
 * @param loadEnd   the load averages when it ended
 * @param figures   everything measured
 */
public record Report(String command, String date, Machine machine, String subject, List<Double> loadStart,
                     List<Double> loadEnd, List<Figure> figures) {

    /** Prints the table. */
    public void print(PrintStream out) {
        out.println("machine: " + machine.describe());
        out.println("configd: " + subject);
        out.println("load average (1/5/15 min): " + loadStart + " at the start, " + loadEnd + " at the end");
        out.println();
        out.printf("%-12s %-72s %10s %10s %-6s %5s  %-12s %s%n", "scenario", "figure", "median", "p90", "unit",
                "runs", "target", "");
        for (Figure f : figures) {
            Boolean met = f.met();
            out.printf("%-12s %-72s %10s %10s %-6s %5d  %-12s %s%n", f.scenario(), f.name(), number(f.median()),
                    number(f.p90()), f.unit(), f.samples().size(), f.target() == null ? "" : f.target().text(),
                    met == null ? "" : met ? "met" : "MISSED");
        }
    }

    /** Writes the JSON document to {@code file}. */
    public void write(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("command", command);
        root.put("date", date);
        ObjectNode m = root.putObject("machine");
        m.put("cpu", machine.cpu());
        m.put("cores", machine.cores());
        m.put("memoryMiB", machine.memory());
        m.put("kernel", machine.kernel());
        m.put("java", machine.java());
        m.put("description", machine.describe());
        root.put("configd", subject);
        loadStart.forEach(root.putArray("loadAverageAtStart")::add);
        loadEnd.forEach(root.putArray("loadAverageAtEnd")::add);
        ArrayNode list = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode n = list.addObject();
            n.put("scenario", f.scenario());
            n.put("figure", f.name().strip());
            n.put("unit", f.unit());
            n.put("median", f.median());
            n.put("p90", f.p90());
            n.put("runs", f.samples().size());
            if (f.target() != null) {
                n.put("target", f.target().text());
                n.put("met", f.met());
            }
            if (f.note() != null) {
                n.put("note", f.note());
            }
            f.samples().forEach(n.putArray("samples")::add);
        }
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), root);
    }

    /** Three significant digits or so: more would claim a precision these runs do not have. */
    private static String number(double v) {
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
