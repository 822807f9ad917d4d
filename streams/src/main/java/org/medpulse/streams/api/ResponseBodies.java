package org.medpulse.streams.api;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;

/**
 * A whole response body written straight to the response's stream (Javalin's, which still
 * compresses when the client asks), not through {@code Context.result}: Javalin copies a result
 * through a fresh 32 KiB buffer per request, 4% of the request threads' time answering questions
 * under {@code bench api} and over a quarter of it answering {@code /health/live}.
 */
public final class ResponseBodies {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseBodies.class);

    private ResponseBodies() {
    }

    /** Writes {@code body}, whole already, as the response with {@code contentType}; the status is the caller's. */
    public static void write(Context ctx, String contentType, byte[] body) {
        ctx.contentType(contentType);
        try {
            ctx.outputStream().write(body);
        } catch (IOException e) {
            // The client went away: nobody is left to answer, as when Javalin's own copy fails.
            LOG.debug("Could not write the response to {} {}", ctx.method(), ctx.path(), e);
        }
    }
}
