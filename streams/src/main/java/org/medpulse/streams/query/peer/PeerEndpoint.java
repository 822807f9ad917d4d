package org.medpulse.streams.query.peer;

import java.util.Objects;

import org.medpulse.streams.query.QuestionTypes;
import org.medpulse.streams.query.routing.LocalPartitions;

import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * Serves this instance's partitions to the other instances ({@link PeerProtocol}), for the
 * question types it was given, from the same local reads (and cache) its own answers use.
 */
public final class PeerEndpoint {

    private final LocalPartitions local;
    private final QuestionTypes types;

    public PeerEndpoint(LocalPartitions local, QuestionTypes types) {
        this.local = Objects.requireNonNull(local, "local");
        this.types = Objects.requireNonNull(types, "types");
    }

    /** Registers the endpoint, behind {@code guard} (which refuses callers who may not ask). */
    public void register(JavalinDefaultRoutingApi<?> routes, Handler guard) {
        routes.beforeMatched(PeerProtocol.PATH_PREFIX + "*", guard);
        routes.post(PeerProtocol.ROUTE, ctx -> {
            PeerProtocol.Request request = PeerProtocol.decodeRequest(types, ctx.pathParam("question"), ctx.bodyAsBytes());
            ctx.contentType("application/json")
                    .result(PeerProtocol.encodeAnswer(local.read(request.question(), request.partitions(), request.options())));
        });
    }
}
