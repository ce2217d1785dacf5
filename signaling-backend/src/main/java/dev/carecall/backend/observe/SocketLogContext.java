package dev.carecall.backend.observe;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Wraps a socket's listener so that each thing arriving on the socket (a message, a ping, the close) is handled
 * under a {@link LogContext} of its own: a fresh request id and the appointment id of the socket's path. Opening
 * and closing are logged, so a clinic's support can tell when a party's connection came and went.
 */
public final class SocketLogContext implements WsListener {
    private static final System.Logger LOG = System.getLogger(SocketLogContext.class.getName());

    private final WsListener socket;
    private volatile Long appointmentId;

    private SocketLogContext(WsListener socket) {
        this.socket = socket;
    }

    /** The socket, each of its events handled under a context of its own. */
    public static WsListener around(WsListener socket) {
        return new SocketLogContext(socket);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        appointmentId = LogContext.appointmentIn(prologue.uriPath().path());
        return socket.onHttpUpgrade(prologue, headers);
    }

    @Override
    public void onOpen(WsSession session) {
        inContext(() -> {
            LOG.log(Level.INFO, "socket opened");
            socket.onOpen(session);
        });
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        inContext(() -> socket.onMessage(session, text, last));
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        inContext(() -> socket.onMessage(session, buffer, last));
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        inContext(() -> socket.onPing(session, buffer));
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        inContext(() -> socket.onPong(session, buffer));
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        inContext(() -> {
            LOG.log(Level.INFO, "socket closed code=" + status);
            socket.onClose(session, status, reason);
        });
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        inContext(() -> socket.onError(session, t));
    }

    private void inContext(Runnable work) {
        new LogContext(LogContext.newRequestId(), appointmentId).run(work);
    }
}
