package dev.carecall.console.waitingroom;

import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.ConsoleConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnockSoundTest {
    @TempDir
    Path dir;

    @Test
    void theShippedKnockIsAShortPlainWave() throws Exception {
        assertNotNull(AudioClipKnock.SOUND, "knock.wav is on the class path");
        AudioFileFormat file = AudioSystem.getAudioFileFormat(AudioClipKnock.SOUND);
        assertEquals(AudioFileFormat.Type.WAVE, file.getType());
        AudioFormat format = file.getFormat();
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
        assertEquals(1, format.getChannels());
        double seconds = file.getFrameLength() / format.getFrameRate();
        assertTrue(seconds > 0.3 && seconds < 1.0, "a short knock, not a ring: " + seconds + " s");
    }

    @Test
    void theKnockFollowsTheSettingsAndIsOnByDefault() {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.empty(), null,
                new ConfigLocations(dir.resolve("user.properties"), dir.resolve("machine.properties")));
        assertEquals(new KnockSettings(true, 60), KnockSettings.from(config));
        List<Double> played = new ArrayList<>();
        Alerts alerts = new Alerts(played::add, () -> KnockSettings.from(config), null);
        alerts.knocked("Maria Weber", dev.carecall.console.i18n.Texts.of(dev.carecall.console.i18n.Language.ENGLISH));
        assertEquals(List.of(0.6), played);

        config.remember(ConfigKey.WAITING_KNOCK_VOLUME, "250");
        assertEquals(new KnockSettings(true, 100), KnockSettings.from(config), "clamped to 100");
        config.remember(ConfigKey.WAITING_KNOCK_SOUND, "false");
        alerts.knocked("Maria Weber", dev.carecall.console.i18n.Texts.of(dev.carecall.console.i18n.Language.ENGLISH));
        assertEquals(List.of(0.6), played, "switched off: no second knock");
    }
}
