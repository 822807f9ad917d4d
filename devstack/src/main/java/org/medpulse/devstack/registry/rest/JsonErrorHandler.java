package org.medpulse.devstack.registry.rest;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors Jetty raises before a request reaches the routes (an unparseable request line, an
 * illegal URI, headers too large…) are answered in Confluent's JSON error form too, never with
 * Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        byte[] body = body(code, message);
        response.setContentType(MediaTypes.SCHEMA_REGISTRY_V1_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, MediaTypes.SCHEMA_REGISTRY_V1_JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String detail) {
        ErrorMessage plain = ErrorMessage.ofStatus(status);
        boolean addsDetail = detail != null && !detail.isBlank() && !plain.message().endsWith(detail);
        ErrorMessage error = addsDetail ? new ErrorMessage(status, plain.message() + ": " + detail) : plain;
        try {
            return JSON.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
