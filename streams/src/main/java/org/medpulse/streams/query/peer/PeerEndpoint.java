package org.medpulse.streams.query.peer;

import java.util.Objects;

import org.medpulse.streams.query.QuestionTypes;
import org.medpulse.streams.query.routing.LocalPartitions;

import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * Serves this instance's partitions to the other instances of the application ({@link PeerProtocol}),
 * for the question types it was given, from the same local reads (and cache) its own answers use.
 * Only requests sealed with the peer secret are read, and answers are sealed for their sender
 * ({@link PeerSeal}): anyone else gets 401 and no data, whatever API token they hold.
 */
public final class PeerEndpoint {

    private final LocalPartitions local;
    private final QuestionTypes types;
    private final PeerSeal seal;

    public PeerEndpoint(LocalPartitions local, QuestionTypes types, PeerSeal seal) {
        this.local = Objects.requireNonNull(local, "local");
        this.types = Objects.requireNonNull(types, "types");
        this.seal = Objects.requireNonNull(seal, "seal");
    }

    public void register(JavalinDefaultRoutingApi<?> routes) {
        routes.post(PeerProtocol.ROUTE, ctx -> {
            byte[] sealed = ctx.bodyAsBytes();
            byte[] body;
            try {
                body = seal.openRequest(ctx.path(), ctx.header(PeerSeal.TIME_HEADER), sealed);
            } catch (PeerSeal.PeerSealException e) {
                ctx.status(401).contentType("application/json")
                        .result("{\"error\":\"Only instances of this application may ask for partitions\",\"status\":401}");
                return;
            }
            PeerProtocol.Request request = PeerProtocol.decodeRequest(types, ctx.pathParam("question"), body);
            byte[] answer = PeerProtocol.encodeAnswer(local.read(request.question(), request.partitions(), request.options()));
            ctx.contentType(PeerSeal.CONTENT_TYPE).result(seal.sealAnswer(sealed, answer));
        });
    }
}
