package org.configd.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimal component in README.md compiles against this SDK, so the guide cannot drift from the API. */
class ReadmeExampleTest {

    @Test
    void theMinimalComponentCompiles(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir"), "README.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has a ```java block");
        Path source = Files.createDirectories(dir.resolve("src/com/example")).resolve("Hello.java");
        Files.writeString(source, block.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source.toFile());
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-d",
                    dir.resolve("classes").toString(), "-cp", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(diagnostics, files, null, options, null, units).call();
            assertTrue(compiled, "README.md's example does not compile:\n" + diagnostics);
        }
        assertTrue(Files.exists(dir.resolve("classes").resolve("com/example/Hello.class")));
    }
}
