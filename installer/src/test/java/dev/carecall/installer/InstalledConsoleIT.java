package dev.carecall.installer;

import dev.carecall.backend.CareCallServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The .deb as clinic IT and a clinician meet it, on this machine: dpkg installs it without questions, IT's
 * machine-wide file in /etc/carecall names the server, the menu entry starts the installed console on its own Java
 * runtime, and the sign-in screen reaches a real backend. Reinstalling and upgrading keep IT's file; purging removes
 * the program and its menu entry and still leaves IT's file alone. The steps build on each other, hence the order.
 *
 * <p>Needs root (dpkg) and an X display (scripts/test.sh starts Xvfb). Whatever the machine had in
 * /etc/carecall/console.properties is put back afterwards, and the package is purged even when a step fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledConsoleIT {
    private static final String PACKAGE = "carecall-console";
    private static final Path INSTALL_DIR = Path.of("/opt/carecall-console");
    /** The menu entry the package's postinst installs: what clinicians start the console from. */
    private static final Path MENU_ENTRY = Path.of("/usr/share/applications/carecall-console.desktop");
    private static final Path MACHINE_CONFIG = Path.of("/etc/carecall/console.properties");
    private static final Duration DPKG = Duration.ofMinutes(2);
    /** Generous: JavaFX and the JVM start cold, and two cores are shared with the rest of the build. */
    private static final Duration CONSOLE_START = Duration.ofSeconds(90);
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Pattern REACHED =
            Pattern.compile("CareCall console (\\S+): reached server (\\S+) \\((.+)\\)");
    /** Marks the end of the console's output in the line queue. */
    private static final String END = "\u0000end";

    private final Path deb = Path.of(System.getProperty("installer.deb"));
    private final String version = System.getProperty("installer.version");
    private final Path icon = Path.of(System.getProperty("installer.icon"));
    private final Path screenshots = Path.of(System.getProperty("installer.screenshots"));
    private final Path target = screenshots.getParent();

    private FileChannel lockChannel;
    private FileLock lock;
    private byte[] machineConfigBefore;
    private boolean etcDirBefore;
    /** Set once the machine's state is saved: only then may the clean-up purge and put files back. */
    private boolean machineTaken;
    private CareCallServer server;
    private byte[] machineConfig;
    private Process console;

    @BeforeAll
    void takeTheMachine() throws IOException {
        if (!Command.succeed(SHORT, "id", "-u").strip().equals("0")) {
            fail("This test installs the .deb with dpkg and must run as root (or build with -Dskip.installer=true).");
        }
        if (System.getenv("DISPLAY") == null) {
            fail("This test starts the installed console and needs an X display: run scripts/test.sh, which starts "
                    + "Xvfb, or export DISPLAY.");
        }
        assertTrue(Files.isRegularFile(deb), "the build made no package at " + deb);
        // One install test at a time on this machine: two builds must not install and purge under each other.
        lockChannel = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "carecall-installer-it.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.lock();
        etcDirBefore = Files.isDirectory(MACHINE_CONFIG.getParent());
        machineConfigBefore = Files.exists(MACHINE_CONFIG) ? Files.readAllBytes(MACHINE_CONFIG) : null;
        machineTaken = true;
        if (isInstalled()) {
            System.out.println("CareCall installer: " + PACKAGE + " was installed before the test; it is purged.");
        }
        server = CareCallServer.startForTests();
    }

    @Test
    @Order(1)
    void packageNamesItselfBundlesItsRuntimeAndLeavesEtcToClinicIt() {
        long bytes = deb.toFile().length();
        System.out.printf("CareCall installer: %s is %.1f MB (%d bytes)%n", deb.getFileName(), bytes / 1e6, bytes);

        Map<String, String> fields = keyValues(Command.succeed(SHORT, "dpkg-deb", "--field", deb.toString()), ':');
        assertEquals(PACKAGE, fields.get("Package"));
        assertEquals(version, fields.get("Version"));
        assertTrue(fields.get("Maintainer").contains("@"), fields.get("Maintainer"));
        assertTrue(fields.get("Depends").contains("libgtk-3-0"), fields.get("Depends"));

        List<String> files = Command.succeed(SHORT, "dpkg-deb", "--contents", deb.toString()).lines()
                .map(line -> line.substring(line.indexOf("./")))
                .toList();
        assertFalse(files.stream().anyMatch(f -> f.startsWith("./etc/")),
                "the package must not own anything under /etc, IT's settings live there");
        for (String expected : List.of("opt/carecall-console/bin/CareCall",
                "opt/carecall-console/lib/runtime/lib/server/libjvm.so",
                "opt/carecall-console/lib/javafx/javafx-graphics-.*-linux\\.jar",
                "opt/carecall-console/lib/app/lib/webrtc-java-.*-linux-x86_64\\.jar",
                "opt/carecall-console/lib/examples/console\\.properties\\.example")) {
            assertTrue(files.stream().anyMatch(f -> f.matches("\\./" + expected + "( -> .*)?")),
                    "the package lacks " + expected);
        }
    }

    @Test
    @Order(2)
    void menuEntryStartsTheInstalledConsoleWhichReachesTheServerNamedMachineWide() throws Exception {
        String serverUrl = server.baseUri().toString();
        machineConfig = ("# Written by InstalledConsoleIT, as clinic IT would\nserver.url=" + serverUrl + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(MACHINE_CONFIG.getParent());
        Files.write(MACHINE_CONFIG, machineConfig);

        Command.succeed(DPKG, "dpkg", "-i", deb.toString());
        assertEquals("install ok installed " + version, installedStatus().orElse("not installed"));

        Map<String, String> entry = keyValues(Files.readString(MENU_ENTRY), '=');
        assertEquals("CareCall", entry.get("Name"));
        Path launcher = Path.of(entry.get("Exec"));
        assertEquals(INSTALL_DIR.resolve("bin/CareCall"), launcher);
        assertEquals(-1, Files.mismatch(Path.of(entry.get("Icon")), icon), "the menu shows another icon than " + icon);

        BlockingQueue<String> output = startConsole(launcher);
        Matcher reached = awaitLine(output, REACHED, CONSOLE_START);
        assertEquals(version, reached.group(1), "the console reports the package's version");
        assertEquals(stripSlash(serverUrl), stripSlash(reached.group(2)),
                "the console reached the server named in " + MACHINE_CONFIG);

        String window = awaitWindow("CareCall console", SHORT);
        assertEquals("CareCall console " + version, Command.succeed(SHORT, "xdotool", "getwindowname", window).strip());
        // Docks and task bars group the window under the menu entry (and its icon) by this class.
        assertTrue(Command.succeed(SHORT, "xprop", "-id", window, "WM_CLASS")
                .contains("\"" + entry.get("StartupWMClass") + "\""), "the window's class is not the menu entry's");
        // The PC needs no Java of its own: the JVM in the console's process is the one the package brought.
        String jvm = INSTALL_DIR.resolve("lib/runtime/lib/server/libjvm.so").toString();
        assertTrue(Files.readAllLines(Path.of("/proc", Long.toString(console.pid()), "maps")).stream()
                .anyMatch(line -> line.endsWith(jvm)), "the console does not run on " + jvm);

        Path screenshot = screenshots.resolve("installed-console-sign-in.png");
        int colours = awaitPaintedScreen(screenshot, SHORT);
        System.out.println("CareCall installer: screenshot of the installed console (" + colours + " colours) at "
                + screenshot);
        stopConsole();
    }

    @Test
    @Order(3)
    void reinstallAndUpgradeKeepTheMachineWideFileAndTheMenuEntry() throws IOException {
        Command.succeed(DPKG, "dpkg", "-i", deb.toString());
        assertEquals("install ok installed " + version, installedStatus().orElse("not installed"));
        assertArrayEquals(machineConfig, Files.readAllBytes(MACHINE_CONFIG), "reinstalling changed " + MACHINE_CONFIG);

        // A newer release: the same payload and maintainer scripts under a higher version, so dpkg runs its real
        // upgrade path (old prerm upgrade, new preinst, old postrm upgrade, new postinst configure).
        String newer = version + "+upgrade1";
        Path tree = target.resolve("upgrade/tree");
        Path newerDeb = target.resolve("upgrade/" + PACKAGE + "_" + newer + "_amd64.deb");
        Command.succeed(SHORT, "rm", "-rf", tree.getParent().toString());
        Files.createDirectories(tree.getParent());
        Command.succeed(DPKG, "dpkg-deb", "--raw-extract", deb.toString(), tree.toString());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replace("Version: " + version, "Version: " + newer));
        Command.succeed(DPKG, "dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", tree.toString(),
                newerDeb.toString());

        Command.succeed(DPKG, "dpkg", "-i", newerDeb.toString());
        assertEquals("install ok installed " + newer, installedStatus().orElse("not installed"));
        assertArrayEquals(machineConfig, Files.readAllBytes(MACHINE_CONFIG), "upgrading changed " + MACHINE_CONFIG);
        assertTrue(Files.isRegularFile(MENU_ENTRY), "the upgrade lost the menu entry");
        assertTrue(Files.isExecutable(INSTALL_DIR.resolve("bin/CareCall")), "the upgrade lost the program");
        Command.succeed(SHORT, "rm", "-rf", tree.getParent().toString());
    }

    @Test
    @Order(4)
    void purgeRemovesProgramAndMenuEntryButNotTheMachineWideFile() throws IOException {
        Command.succeed(DPKG, "dpkg", "-P", PACKAGE);
        assertEquals(Optional.empty(), installedStatus(), "dpkg still knows the package");
        assertFalse(Files.exists(INSTALL_DIR), INSTALL_DIR + " is still there");
        assertFalse(Files.exists(MENU_ENTRY), MENU_ENTRY + " is still there");
        assertArrayEquals(machineConfig, Files.readAllBytes(MACHINE_CONFIG),
                "purging touched " + MACHINE_CONFIG + ", which belongs to clinic IT");
    }

    @AfterAll
    void giveTheMachineBack() throws IOException {
        try {
            stopConsole();
            if (!machineTaken) {
                return;
            }
            if (installedStatus().isPresent()) {
                Command purge = Command.run(DPKG, "dpkg", "-P", PACKAGE);
                if (purge.exitCode() != 0) {
                    System.err.println("CareCall installer: could not purge " + PACKAGE + " after the test, remove it "
                            + "by hand (dpkg -P " + PACKAGE + "):\n" + purge.output());
                }
            }
            if (machineConfigBefore != null) {
                Files.write(MACHINE_CONFIG, machineConfigBefore);
            } else {
                Files.deleteIfExists(MACHINE_CONFIG);
                if (!etcDirBefore) {
                    Files.deleteIfExists(MACHINE_CONFIG.getParent());
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (lock != null) {
                lock.release();
                lockChannel.close();
            }
        }
    }

    /**
     * Starts the program as a clinician's session would: a fresh home (no per-user file, which would win over the
     * machine-wide one), no server in the environment, and no Java on the PATH or in JAVA_HOME.
     */
    private BlockingQueue<String> startConsole(Path launcher) throws IOException {
        Path home = Files.createTempDirectory("carecall-clinician-");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !List.of("DISPLAY", "LANG", "XAUTHORITY").contains(name));
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/bin:/bin");
        console = builder.start();

        // Every line goes to the queue the test waits on and to a log beside the screenshots.
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Files.createDirectories(target);
        Path log = target.resolve("installed-console.log");
        Process process = console;
        Thread.ofPlatform().daemon().name("installed-console-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    out.println(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the console's output failed: " + e + ")");
            } finally {
                lines.add(END);
            }
        });
        return lines;
    }

    private Matcher awaitLine(BlockingQueue<String> lines, Pattern pattern, Duration timeout)
            throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                break;
            }
            if (line.equals(END)) {
                fail("the console ended (exit code " + console.waitFor() + ") without the line " + pattern
                        + "; its output:\n" + seen);
            }
            seen.append(line).append('\n');
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
        return fail("no line " + pattern + " from the console within " + timeout + "; its output:\n" + seen);
    }

    /** Waits until a visible window's title contains the text; returns its X window id. */
    private static String awaitWindow(String title, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Command search = Command.run(SHORT, "xdotool", "search", "--onlyvisible", "--name", title);
            if (search.exitCode() == 0 && !search.lines().isEmpty()) {
                return search.lines().getFirst().strip();
            }
            Thread.sleep(200);
        }
        return fail("no visible window titled " + title + " within " + timeout);
    }

    /**
     * Takes screenshots until the window has been painted: a mapped but unpainted window leaves the screen one flat
     * colour, while the sign-in screen (gradient, anti-aliased text) has hundreds. Returns the number of colours.
     */
    private static int awaitPaintedScreen(Path screenshot, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(screenshot.getParent());
        Instant deadline = Instant.now().plus(timeout);
        int colours = 0;
        while (Instant.now().isBefore(deadline)) {
            Command.succeed(SHORT, "import", "-window", "root", screenshot.toString());
            colours = Integer.parseInt(Command.succeed(SHORT, "identify", "-format", "%k", screenshot.toString())
                    .strip());
            if (colours >= 100) {
                return colours;
            }
            Thread.sleep(200);
        }
        return fail("the console's window was not painted within " + timeout + " (" + colours + " colours on "
                + "screen): see " + screenshot);
    }

    private void stopConsole() {
        if (console == null) {
            return;
        }
        console.descendants().forEach(ProcessHandle::destroy);
        console.destroy();
        try {
            if (!console.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS)) {
                console.descendants().forEach(ProcessHandle::destroyForcibly);
                console.destroyForcibly().waitFor(SHORT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console = null;
    }

    /** dpkg's status and version of the package, or empty when dpkg does not know it (never installed or purged). */
    private static Optional<String> installedStatus() {
        Command query = Command.run(SHORT, "dpkg-query", "--show", "--showformat=${Status} ${Version}", PACKAGE);
        return query.exitCode() == 0 ? Optional.of(query.output().strip()) : Optional.empty();
    }

    private static boolean isInstalled() {
        return installedStatus().filter(status -> status.startsWith("install ok installed")).isPresent();
    }

    /** "Key: value" (Debian control) or "Key=value" (desktop entry) lines as a map; other lines are skipped. */
    private static Map<String, String> keyValues(String text, char separator) {
        return text.lines()
                .filter(line -> !line.startsWith(" ") && line.indexOf(separator) > 0)
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf(separator)).strip(),
                        line -> line.substring(line.indexOf(separator) + 1).strip(),
                        (first, second) -> first));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
