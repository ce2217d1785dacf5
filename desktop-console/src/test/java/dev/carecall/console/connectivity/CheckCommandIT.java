package dev.carecall.console.connectivity;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.testing.EnglishLeftovers;
import dev.carecall.console.testing.SharedServer;
import dev.carecall.console.testing.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code CareCall --check} against a real backend speaks the language chosen in the settings. */
class CheckCommandIT {
    @TempDir
    Path dir;

    @Test
    void theCheckPrintsInTheLanguageOfTheSettings() throws IOException {
        CareCallServer server = SharedServer.get();
        Run german = check("ui.language=de\nserver.url=" + server.baseUri() + "\n", "--username=demo-doctor");
        System.out.println(german.output);
        assertEquals(0, german.code, german.output);
        List<String> lines = german.output.lines().toList();
        assertTrue(lines.getFirst().startsWith("CareCall-Verbindungstest für http://127.0.0.1:"), lines.getFirst());
        assertTrue(lines.get(1).startsWith("[ ok ] Server erreichbar unter 127.0.0.1:"), lines.get(1));
        assertTrue(lines.contains("[ ok ] Angemeldet als demo-doctor."), german.output);
        assertEquals("Alle Prüfungen bestanden: Videoanrufe können von diesem Computer aus verbunden werden.",
                lines.getLast());
        assertEquals(List.of(), new EnglishLeftovers("de").in(lines));

        Run english = check("server.url=http://127.0.0.1:1\nui.language=en\n");
        assertEquals(1, english.code, english.output);
        assertTrue(english.output.contains("[FAIL] Cannot reach the server at 127.0.0.1:1 TCP."), english.output);

        Run usage = check("ui.language=de\n", "--verbose");
        assertEquals(2, usage.code);
        assertTrue(usage.output.startsWith("Aufruf: CareCall --check"), usage.output);
    }

    private record Run(int code, String output) {
    }

    private Run check(String settings, String... args) throws IOException {
        ConfigLocations files = TestConsole.locations(dir);
        Files.createDirectories(files.userFile().getParent());
        Files.writeString(files.userFile(), settings);
        String[] all = new String[args.length + 1];
        all[0] = CheckCommand.OPTION;
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine commandLine = CommandLine.parse(all);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = CheckCommand.run(commandLine, ConsoleConfig.load(commandLine, null, files), "demo-password", null,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
