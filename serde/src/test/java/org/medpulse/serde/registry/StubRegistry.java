package org.medpulse.serde.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP server on a free port standing in for a schema registry: it records every request
 * (method, raw path and query, headers, body) and answers with the replies queued, in order.
 */
final class StubRegistry implements AutoCloseable {

    static final String NOTHING_SCRIPTED = "{\"error_code\":50001,\"message\":\"no reply scripted\"}";

    record Recorded(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Reply(int status, String body, CountDownLatch holdUntil) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private volatile Reply otherwise = new Reply(500, NOTHING_SCRIPTED, null);

    private StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static StubRegistry start() throws IOException {
        return new StubRegistry();
    }

    /** Forgets the requests and replies of the previous test. */
    StubRegistry reset() {
        requests.clear();
        scripted.clear();
        otherwise = new Reply(500, NOTHING_SCRIPTED, null);
        return this;
    }

    /** Queues one reply. */
    StubRegistry reply(int status, String body) {
        scripted.add(new Reply(status, body, null));
        return this;
    }

    /** The reply once the queue is empty. */
    StubRegistry replyAlways(int status, String body) {
        otherwise = new Reply(status, body, null);
        return this;
    }

    /** Queues a reply held back until {@code release} opens, to make the client time out. */
    StubRegistry replyAfter(CountDownLatch release, int status, String body) {
        scripted.add(new Reply(status, body, release));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI uri() {
        return URI.create(url());
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            URI uri = exchange.getRequestURI();
            requests.add(new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                    new String(body, StandardCharsets.UTF_8)));
            Reply reply = scripted.poll();
            if (reply == null) {
                reply = otherwise;
            }
            if (reply.holdUntil != null) {
                reply.holdUntil.await(30, TimeUnit.SECONDS);
            }
            byte[] out = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream response = exchange.getResponseBody()) {
                    response.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
