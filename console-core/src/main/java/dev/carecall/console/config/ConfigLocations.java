package dev.carecall.console.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the two settings files live on this operating system: the per-user one the console writes and the
 * machine-wide one clinic IT pushes. Tests and the installer's checks point them elsewhere with the system
 * properties {@code carecall.userConfig} and {@code carecall.machineConfig}.
 *
 * @param userFile    the per-user file, the only one the console writes
 * @param machineFile the machine-wide file that clinic IT pushes; read only
 */
public record ConfigLocations(Path userFile, Path machineFile) {
    static final String FILE_NAME = "console.properties";

    /** The locations for this machine and user, honouring the override system properties. */
    public static ConfigLocations forThisMachine() {
        ConfigLocations defaults = forOs(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("user.home", "."));
        String user = System.getProperty("carecall.userConfig");
        String machine = System.getProperty("carecall.machineConfig");
        return new ConfigLocations(user != null ? Path.of(user) : defaults.userFile(),
                machine != null ? Path.of(machine) : defaults.machineFile());
    }

    /** The default locations for an operating system; separate from the lookup so each OS is testable here. */
    static ConfigLocations forOs(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.getOrDefault("APPDATA", home.resolve("AppData").resolve("Roaming").toString());
            String programData = env.getOrDefault("ProgramData", "C:\\ProgramData");
            return new ConfigLocations(Path.of(appData, "CareCall", FILE_NAME),
                    Path.of(programData, "CareCall", FILE_NAME));
        }
        if (os.startsWith("mac")) {
            return new ConfigLocations(home.resolve("Library/Application Support/CareCall").resolve(FILE_NAME),
                    Path.of("/Library/Application Support/CareCall", FILE_NAME));
        }
        // Linux and other Unix: always ~/.config (not $XDG_CONFIG_HOME) so the installer and IT know the path.
        return new ConfigLocations(home.resolve(".config/carecall").resolve(FILE_NAME),
                Path.of("/etc/carecall", FILE_NAME));
    }
}
