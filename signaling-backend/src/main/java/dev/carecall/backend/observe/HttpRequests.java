package dev.carecall.backend.observe;

import io.helidon.common.Weighted;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.spi.ServerFeature;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Every HTTP request (WebSocket upgrades too) gets a request id, answered in {@code X-Request-Id} and carried by
 * every log line written while it is handled, the access log's line included; and it is timed in
 * {@code http.server.requests} by method, route and status.
 */
public final class HttpRequests implements HttpFeature, Weighted {
    /** The header that carries the request id; a valid one sent by a proxy is kept, so both logs agree. */
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");

    /** Above the access log's weight (1000): its filter runs inside this one, so its line has the ids. */
    private static final double WEIGHT = 1100;
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Only these methods get their own tag value; anything a client invents is "OTHER", so tags stay few. */
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    private final MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    private HttpRequests(MeterRegistry registry) {
        this.registry = registry;
    }

    /** On every listener socket of the server (the WebSocket's own port too), as the access log is. */
    public static ServerFeature onEverySocket(MeterRegistry registry) {
        HttpRequests requests = new HttpRequests(registry);
        return new ServerFeature() {
            @Override
            public void setup(ServerFeatureContext context) {
                Set<String> sockets = new HashSet<>(context.sockets());
                sockets.add(WebServer.DEFAULT_SOCKET_NAME);
                sockets.forEach(socket -> context.socket(socket).httpRouting().addFeature(requests));
            }

            @Override
            public String name() {
                return "request-ids";
            }

            @Override
            public String type() {
                return "request-ids";
            }
        };
    }

    @Override
    public void setup(HttpRouting.Builder routing) {
        routing.addFilter(this::filter);
    }

    @Override
    public double weight() {
        return WEIGHT;
    }

    private void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        LogContext context = LogContext.forPath(req.prologue().uriPath().path());
        String proxied = req.headers().first(REQUEST_ID).orElse("");
        if (VALID_ID.matcher(proxied).matches()) {
            context = context.withRequestId(proxied);
        }
        res.header(REQUEST_ID, context.requestId());
        long start = System.nanoTime();
        context.run(() -> {
            try {
                chain.proceed();
            } finally {
                timer(req, res).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Routes, not paths: {@code /api/appointments/{id}} is one series, whatever the id; no route is "unmatched". */
    private Timer timer(RoutingRequest req, RoutingResponse res) {
        String method = req.prologue().method().text();
        List<String> key = List.of(METHODS.contains(method) ? method : "OTHER",
                req.matchingPattern().orElse("unmatched"), String.valueOf(res.status().code()));
        return timers.computeIfAbsent(key, k -> registry.getOrCreate(Timer.builder("http.server.requests")
                .description("HTTP requests, by method, route and status")
                // Buckets, which Prometheus adds up across instances; no quantiles computed here, which it cannot.
                .percentiles(new double[0])
                .tags(List.of(Tag.create("method", k.get(0)), Tag.create("route", k.get(1)),
                        Tag.create("status", k.get(2))))
                .buckets(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500),
                        Duration.ofSeconds(2), Duration.ofSeconds(10))));
    }
}
