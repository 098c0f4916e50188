package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

    /** The level a line's prefix sets, the line given as configd reads it: UTF-8 bytes, here inside a larger array. */
    private static Optional<Level> prefixLevel(String line) {
        byte[] bytes = ("..." + line).getBytes(UTF_8);
        return Optional.ofNullable(Priority.prefixLevel(bytes, 3, bytes.length - 3));
    }

    @ParameterizedTest
    @CsvSource({"<0>x, FATAL", "<1>x, FATAL", "<2>x, FATAL", "<3>x, ERROR", "<4>x, WARN", "<5>x, INFO", "<6>x, INFO",
        "<7>x, DEBUG", "<3>, ERROR"})
    void eachPrefixSetsItsLevel(String line, String level) {
        assertEquals(Optional.of(Level.getLevel(level)), prefixLevel(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<8>x", "<9>x", "<x>x", "<>x", "<12>x", "< 3>x", " <3>x", "3>x", "<3", "", "plain text",
        "<-1>x", "<3]x"})
    void anythingElseIsNoPrefix(String line) {
        assertEquals(Optional.empty(), prefixLevel(line));
    }
}
