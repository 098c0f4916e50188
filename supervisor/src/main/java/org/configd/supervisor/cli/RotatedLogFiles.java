package org.configd.supervisor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The rotated files of a unified log, as configd's rotation leaves them next to the live file:
 * {@code configd.log.1} is the newest, {@code configd.log.<keep>} the oldest, each with {@code .gz} when
 * compressed. While a rotated file is being compressed both {@code .1} and {@code .1.gz} exist; the plain one
 * is complete, the other may not be yet, so the plain one is read.
 */
final class RotatedLogFiles {

    private RotatedLogFiles() {}

    /** The rotated files of {@code liveFile}, oldest first; empty when there are none. */
    static List<Path> oldestFirst(Path liveFile) throws IOException {
        Path dir = liveFile.toAbsolutePath().getParent();
        Pattern rotated = Pattern.compile(Pattern.quote(liveFile.getFileName().toString()) + "\\.(\\d{1,6})(\\.gz)?");
        Map<Integer, Path> byNumber = new TreeMap<>(Comparator.reverseOrder());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = rotated.matcher(p.getFileName().toString());
                if (m.matches()) {
                    boolean compressed = m.group(2) != null;
                    byNumber.merge(Integer.parseInt(m.group(1)), p, (a, b) -> compressed ? a : p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return new ArrayList<>(byNumber.values());
    }

    /** The lines of a rotated file, uncompressed when its name ends with {@code .gz}. */
    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}
