package dev.carecall.console.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleConfigTest {
    @TempDir
    Path dir;

    private ConfigLocations files(String user, String machine) throws IOException {
        Path userFile = dir.resolve("user/console.properties");
        Path machineFile = dir.resolve("machine/console.properties");
        if (user != null) {
            Files.createDirectories(userFile.getParent());
            Files.writeString(userFile, user);
        }
        if (machine != null) {
            Files.createDirectories(machineFile.getParent());
            Files.writeString(machineFile, machine);
        }
        return new ConfigLocations(userFile, machineFile);
    }

    @Test
    void commandLineWinsOverEnvironmentAndFiles() throws IOException {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.parse("--server=https://cli.example"),
                "https://env.example", files("server.url=https://user.example", "server.url=https://it.example"));
        assertEquals(Optional.of("https://cli.example"), config.serverUrl());
    }

    @Test
    void environmentWinsOverFiles() throws IOException {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), "https://env.example",
                files("server.url=https://user.example", "server.url=https://it.example"));
        assertEquals(Optional.of("https://env.example"), config.serverUrl());
    }

    @Test
    void perUserFileWinsOverMachineWideFile() throws IOException {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), null,
                files("server.url=https://user.example", "server.url=https://it.example"));
        assertEquals(Optional.of("https://user.example"), config.serverUrl());
    }

    @Test
    void machineWideFileIsTheLastResort() throws IOException {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), " ",
                files(null, "server.url=https://it.example\ntls.caCertificate=/etc/carecall/ca.pem\n"));
        assertEquals(Optional.of("https://it.example"), config.serverUrl());
        assertEquals(Optional.of(Path.of("/etc/carecall/ca.pem")), config.caCertificate());
    }

    @Test
    void noServerAnywhereLeavesTheQuestionToTheSignInScreen() throws IOException {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), null, files(null, null));
        assertTrue(config.serverUrl().isEmpty());
        assertTrue(config.initialUsername().isEmpty());
    }

    @Test
    void usernameComesFromCommandLineThenLastSignIn() throws IOException {
        ConfigLocations locations = files("signIn.lastUsername=ana", null);
        assertEquals(Optional.of("ana"), ConsoleConfig.load(CommandLine.empty(), null, locations).initialUsername());
        assertEquals(Optional.of("bob"), ConsoleConfig.load(CommandLine.parse("--username=bob"), null, locations)
                .initialUsername());
    }

    @Test
    void rememberWritesOnlyThePerUserFileAndKeepsOtherKeys() throws IOException {
        ConfigLocations locations = files("device.camera=Old cam\nserver.url=https://user.example\n",
                "server.url=https://it.example\n");
        String machineBefore = Files.readString(locations.machineFile());
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), null, locations);

        config.remember(Map.of(ConfigKey.DEVICE_CAMERA, "USB camera", ConfigKey.SIGN_IN_LAST_USERNAME, "ana"));

        assertEquals(machineBefore, Files.readString(locations.machineFile()));
        ConsoleConfig reread = ConsoleConfig.load(CommandLine.empty(), null, locations);
        assertEquals(Optional.of("USB camera"), reread.device(ConfigKey.DEVICE_CAMERA));
        assertEquals(Optional.of("ana"), reread.initialUsername());
        assertEquals(Optional.of("https://user.example"), reread.serverUrl());
        assertEquals(Optional.of("USB camera"), config.device(ConfigKey.DEVICE_CAMERA));
    }

    @Test
    void rememberCreatesTheFoldersOfANewUser() throws IOException {
        ConfigLocations locations = new ConfigLocations(dir.resolve("new/home/.config/carecall/console.properties"),
                dir.resolve("none.properties"));
        ConsoleConfig.load(CommandLine.empty(), null, locations).remember(ConfigKey.DEVICE_SPEAKER, "Headset");
        assertTrue(Files.readString(locations.userFile()).contains("device.speaker=Headset"));
        assertFalse(Files.exists(locations.machineFile()));
    }

    @Test
    void rememberingNothingRemovesTheKey() throws IOException {
        ConfigLocations locations = files("device.microphone=Desk mic\n", null);
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), null, locations);
        config.remember(ConfigKey.DEVICE_MICROPHONE, null);
        assertTrue(config.device(ConfigKey.DEVICE_MICROPHONE).isEmpty());
        assertFalse(Files.readString(locations.userFile()).contains("device.microphone"));
    }

    @Test
    void locationsFollowTheOperatingSystem() {
        assertEquals(new ConfigLocations(Path.of("/home/ana/.config/carecall/console.properties"),
                Path.of("/etc/carecall/console.properties")), ConfigLocations.forOs("Linux", Map.of(), "/home/ana"));
        assertEquals(new ConfigLocations(Path.of("C:\\Users\\ana\\AppData\\Roaming", "CareCall", "console.properties"),
                        Path.of("C:\\ProgramData", "CareCall", "console.properties")),
                ConfigLocations.forOs("Windows 11", Map.of("APPDATA", "C:\\Users\\ana\\AppData\\Roaming",
                        "ProgramData", "C:\\ProgramData"), "C:\\Users\\ana"));
        assertEquals(Path.of("/Users/ana/Library/Application Support/CareCall/console.properties"),
                ConfigLocations.forOs("Mac OS X", Map.of(), "/Users/ana").userFile());
    }

    @Test
    void systemPropertiesOverrideTheLocations() {
        System.setProperty("carecall.userConfig", dir.resolve("u.properties").toString());
        System.setProperty("carecall.machineConfig", dir.resolve("m.properties").toString());
        try {
            assertEquals(new ConfigLocations(dir.resolve("u.properties"), dir.resolve("m.properties")),
                    ConfigLocations.forThisMachine());
        } finally {
            System.clearProperty("carecall.userConfig");
            System.clearProperty("carecall.machineConfig");
        }
    }

    @Test
    void commandLineKeepsUnknownArgumentsAside() {
        CommandLine line = CommandLine.parse("--server=https://a.example", "--verbose", "--username=ana");
        assertEquals("https://a.example", line.server());
        assertEquals("ana", line.username());
        assertEquals(java.util.List.of("--verbose"), line.ignored());
    }
}
