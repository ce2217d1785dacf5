package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Set;

/**
 * The patient's pre-call check as the doctor sees it before admitting them ({@code readiness} from the page,
 * {@code patientReadiness} to the doctor's lobby): whether the camera delivers frames, the microphone moved the level
 * meter, the speaker test was heard, which browser on which device, and what the network probe found.
 *
 * @param camera     the camera's state and whether frames were seen
 * @param microphone the microphone's state and whether its level moved
 * @param speaker    the speaker test's outcome
 * @param browser    the browser and its major version as the page names it ("Chrome 131"), 1–100 characters
 * @param device     the kind of device and its system ("Android phone", "Windows desktop"), 1–100 characters
 * @param network    the network probe
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Readiness(Camera camera, Microphone microphone, Speaker speaker, String browser, String device,
                        NetworkProbe network) {
    /** Longest browser or device text accepted. */
    public static final int MAX_NAME_LENGTH = 100;

    public Readiness {
        Fields.require(camera, "readiness.camera");
        Fields.require(microphone, "readiness.microphone");
        Fields.require(speaker, "readiness.speaker");
        Fields.requireText(browser, "readiness.browser", MAX_NAME_LENGTH);
        Fields.requireText(device, "readiness.device", MAX_NAME_LENGTH);
        Fields.require(network, "readiness.network");
    }

    /**
     * @param status     what opening the camera gave
     * @param framesSeen true once the preview showed at least one frame
     */
    public record Camera(DeviceStatus status, Boolean framesSeen) {
        public Camera {
            Fields.require(status, "readiness.camera.status");
            Fields.require(framesSeen, "readiness.camera.framesSeen");
        }
    }

    /**
     * @param status    what opening the microphone gave
     * @param levelSeen true once the level meter moved (the microphone hears something)
     */
    public record Microphone(DeviceStatus status, Boolean levelSeen) {
        public Microphone {
            Fields.require(status, "readiness.microphone.status");
            Fields.require(levelSeen, "readiness.microphone.levelSeen");
        }
    }

    /** @param status the speaker test's outcome */
    public record Speaker(SpeakerStatus status) {
        public Speaker {
            Fields.require(status, "readiness.speaker.status");
        }
    }

    /**
     * What the page's network probe found.
     *
     * @param candidateTypes the ICE candidate types gathered with the servers CareCall hands out, each once (empty:
     *                       none, the call cannot connect)
     * @param roundTripMs    median round trip to the server over the room socket, or null when not measured
     * @param uplinkKbps     estimated upload speed in kbit/s, or null when not measured
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkProbe(List<CandidateType> candidateTypes, Integer roundTripMs, Integer uplinkKbps) {
        public NetworkProbe {
            Fields.require(candidateTypes, "readiness.network.candidateTypes");
            // List.of refuses contains(null), so nulls are looked for one by one.
            if (candidateTypes.stream().anyMatch(java.util.Objects::isNull)
                    || Set.copyOf(candidateTypes).size() != candidateTypes.size()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'readiness.network.candidateTypes' must name each type once");
            }
            candidateTypes = List.copyOf(candidateTypes);
            if (roundTripMs != null && (roundTripMs < 0 || roundTripMs > 600_000)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'readiness.network.roundTripMs' must be 0 to 600000");
            }
            if (uplinkKbps != null && (uplinkKbps < 0 || uplinkKbps > 10_000_000)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'readiness.network.uplinkKbps' must be 0 to 10000000");
            }
        }
    }

    /** What opening a camera or microphone gave; the page's {@code getUserMedia} outcome. */
    public enum DeviceStatus implements WireEnum {
        /** Still being opened. */
        CHECKING,
        /** Works. */
        OK,
        /** The patient or the browser refused permission. */
        DENIED,
        /** Another program holds it. */
        BUSY,
        /** The device has none. */
        MISSING,
        /** The page is not on HTTPS, so the browser offers no devices. */
        INSECURE,
        /** It failed for another reason. */
        UNKNOWN;

        @JsonCreator
        public static DeviceStatus fromWire(String value) {
            return WireEnums.parse(DeviceStatus.class, value, "status");
        }
    }

    /** The speaker test's outcome. */
    public enum SpeakerStatus implements WireEnum {
        /** The patient did not play the test sound. */
        UNTESTED,
        /** The patient heard it. */
        HEARD,
        /** The patient did not hear it. */
        NOT_HEARD,
        /** The sound could not be played. */
        FAILED;

        /** The wire name: {@code not-heard} keeps the page's own spelling. */
        @Override
        public String wireName() {
            return WireEnum.super.wireName().replace('_', '-');
        }

        @JsonCreator
        public static SpeakerStatus fromWire(String value) {
            return WireEnums.parse(SpeakerStatus.class, value, "status");
        }
    }

    /** An ICE candidate type (RFC 8445): where the media could flow. */
    public enum CandidateType implements WireEnum {
        /** The device's own address: a direct path on the same network. */
        HOST,
        /** The address the internet sees, learnt through STUN. */
        SRFLX,
        /** An address a peer saw, learnt during the checks. */
        PRFLX,
        /** A TURN relay: works through strict firewalls, costs a little delay. */
        RELAY;

        @JsonCreator
        public static CandidateType fromWire(String value) {
            return WireEnums.parse(CandidateType.class, value, "candidateTypes");
        }
    }
}
