package dev.carecall.e2e;

import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Reads what the backend stored about a call, as the doctor's console would (REST with the doctor's token). */
final class Rest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;

    Rest(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    CallStatusView callStatus(long appointmentId) {
        return CODEC.fromJson(get("/api/appointments/" + appointmentId + "/call-status"), CallStatusView.class);
    }

    List<CallSessionView> callHistory(long appointmentId) {
        return CODEC.listFromJson(get("/api/appointments/" + appointmentId + "/call-history"), CallSessionView.class);
    }

    /** Ends the appointment's call, whatever its state (a test cleaning up after a failed step); the status code. */
    int endCall(long appointmentId) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/appointments/" + appointmentId + "/end-call"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("POST end-call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
