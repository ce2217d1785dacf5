package dev.carecall.console.call;

import dev.carecall.console.i18n.Texts;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The patient's side of a call as the doctor is told about it: their microphone, camera and screen share as the
 * engine reports them, whether they are connected, and one line per fact for the call screen. FX thread only.
 */
public final class RemoteParty {
    private final Texts texts;
    private final String name;
    private final ReadOnlyBooleanWrapper videoOn = new ReadOnlyBooleanWrapper(this, "videoOn", true);
    private final ReadOnlyBooleanWrapper sharing = new ReadOnlyBooleanWrapper(this, "sharing");
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    private boolean audioOn = true;
    /** Assumed present until told otherwise: the engine reports only changes. */
    private boolean present = true;
    private CallPhase phase = CallPhase.CONNECTING;

    RemoteParty(Texts texts, String name) {
        this.texts = texts;
        this.name = name;
    }

    void media(boolean audio, boolean video) {
        audioOn = audio;
        videoOn.set(video);
        describe();
    }

    void screenShare(boolean active) {
        sharing.set(active);
        describe();
    }

    void presence(boolean connected) {
        present = connected;
        describe();
    }

    void phase(CallPhase now) {
        phase = now;
        describe();
    }

    private void describe() {
        boolean inCall = phase == CallPhase.CONNECTED || phase == CallPhase.NEGOTIATING
                || phase == CallPhase.RECONNECTING_MEDIA;
        if (!inCall) {
            stateText.set("");
            return;
        }
        // One sentence a line: each is one text of the console's language.
        List<String> lines = new ArrayList<>();
        if (!present && phase != CallPhase.NEGOTIATING) {
            lines.add(texts.get("call.remote.away", name));
        } else {
            if (!audioOn) {
                lines.add(texts.get("call.remote.muted", name));
            }
            if (sharing.get()) {
                lines.add(texts.get("call.remote.sharing", name));
            } else if (!videoOn.get()) {
                lines.add(texts.get("call.remote.cameraOff", name));
            }
        }
        stateText.set(String.join("\n", lines));
    }

    /** False while the patient's camera is off. */
    public ReadOnlyBooleanProperty videoOnProperty() {
        return videoOn.getReadOnlyProperty();
    }

    /** True while the patient shares their screen. */
    public ReadOnlyBooleanProperty sharingProperty() {
        return sharing.getReadOnlyProperty();
    }

    /** What the patient has muted or turned off, or that they dropped; empty when all is on or no call runs. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }
}
