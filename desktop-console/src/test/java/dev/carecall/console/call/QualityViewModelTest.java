package dev.carecall.console.call;

import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.QualityLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the doctor reads about the call's quality, and when the camera is suggested off or turned off. */
class QualityViewModelTest {
    private static final MediaFigures MINE = new MediaFigures(35, 6, 1400, 120, 1800, 14.0, 16.5, 22, 25, 10,
            "640x480", "320x240");

    private final List<String> turnedOff = new ArrayList<>();
    private boolean cameraOn = true;
    private final QualityViewModel model = new QualityViewModel(Texts.of(Language.ENGLISH), "Maria Silva",
            new QualityViewModel.Camera() {
                @Override
                public boolean isOn() {
                    return cameraOn;
                }

                @Override
                public void turnOff(String why) {
                    cameraOn = false;
                    turnedOff.add(String.valueOf(why));
                }
            });

    @Test
    void thePatientsLossIsBlamedOnThePatientWithTheFiguresOfBothDirections() {
        assertEquals("Connection: measuring...", model.levelTextProperty().get());
        model.update(quality(QualityLevel.POOR, QualityReason.OTHER_LOSS, false, 1_000));
        assertEquals("Connection: poor", model.levelTextProperty().get());
        assertEquals("Maria Silva's connection is losing packets.", model.reasonTextProperty().get());
        assertEquals("You send 1400 kbit/s, 640x480 at 25 frames/s, 14.0 % lost",
                model.figuresProperty().get().sending());
        assertEquals("You receive 120 kbit/s, 320x240 at 10 frames/s, 16.5 % lost",
                model.figuresProperty().get().receiving());
        assertEquals("Round trip 35 ms (to the server 6 ms), jitter 22 ms", model.figuresProperty().get().roundTrip());
        model.update(quality(QualityLevel.GOOD, QualityReason.NONE, false, 2_500));
        assertEquals("", model.reasonTextProperty().get(), "no reason while good");
        assertEquals(List.of(0.0, 1.5), model.samples().stream().map(QualityViewModel.Sample::second).toList());
        assertEquals(16.5, model.samples().getFirst().lossPct());
    }

    @Test
    void poorForLongIsASuggestionUnlessTheDoctorLetTheCameraGoOffByItself() {
        model.update(quality(QualityLevel.POOR, QualityReason.OWN_UPLOAD, true, 0));
        assertTrue(model.suggestCameraOffProperty().get());
        assertTrue(turnedOff.isEmpty());
        model.acceptSuggestion();
        assertEquals(List.of("null"), turnedOff);
        assertFalse(model.suggestCameraOffProperty().get());

        cameraOn = true;
        turnedOff.clear();
        model.autoCameraOff(true);
        model.update(quality(QualityLevel.POOR, QualityReason.OWN_UPLOAD, true, 1_000));
        assertFalse(model.suggestCameraOffProperty().get());
        assertEquals(1, turnedOff.size());
        assertTrue(turnedOff.getFirst().startsWith("The connection stayed poor, so your camera was turned off"));
        cameraOn = true; // the doctor turned it on again: not turned off a second time in this call
        model.update(quality(QualityLevel.POOR, QualityReason.OWN_UPLOAD, true, 2_000));
        assertEquals(1, turnedOff.size());
        assertTrue(model.suggestCameraOffProperty().get());
    }

    @Test
    void theFirstSecondsWithoutFiguresAreDrawnAsGaps() {
        model.update(new CallQuality(QualityLevel.GOOD, QualityReason.NONE, MediaFigures.NONE, null, false, 0));
        assertEquals("You send – kbit/s, – at – frames/s, – % lost", model.figuresProperty().get().sending());
        assertEquals(null, model.samples().getFirst().lossPct());
    }

    @Test
    void theChartKeepsTheLastFiveMinutes() {
        for (int i = 0; i < QualityViewModel.HISTORY + 20; i++) {
            model.update(quality(QualityLevel.GOOD, QualityReason.NONE, false, i * 1000L));
        }
        assertEquals(QualityViewModel.HISTORY, model.samples().size());
        assertEquals(20.0, model.samples().getFirst().second());
    }

    private static CallQuality quality(QualityLevel level, QualityReason reason, boolean suggest, long at) {
        return new CallQuality(level, reason, MINE, null, suggest, at);
    }
}
