package org.medpulse.streams.errors;

import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;

/**
 * A response that can never be read ({@link UnreadableSurveyResponseException}) or reads fine but
 * fails validation ({@link InvalidSurveyResponseException}) goes to the dead-letter topic with its
 * original source bytes (Kafka Streams' KIP-1034 support), and processing continues. A schema
 * registry outage ({@link SchemaRegistryUnavailableException}) fails the task, to be retried by a
 * replacement thread; any other processing error is a bug: it stops the task rather than silently
 * drop data, and under exactly-once nothing of the failed transaction survives.
 */
public class InvalidResponseHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidResponseHandler.class);

    private final LogAndContinueProcessingExceptionHandler deadLetter = new LogAndContinueProcessingExceptionHandler();
    private Counter invalid;
    private Counter unreadable;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetter.configure(configs);
        invalid = DeadLetterMetrics.counter(configs, "invalid");
        unreadable = DeadLetterMetrics.counter(configs, "unreadable");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof InvalidSurveyResponseException || exception instanceof UnreadableSurveyResponseException) {
            Response response = deadLetter.handleError(context, record, exception);
            (exception instanceof InvalidSurveyResponseException ? invalid : unreadable)
                    .increment(response.deadLetterQueueRecords().size());
            return response;
        }
        if (exception instanceof SchemaRegistryUnavailableException) {
            LOG.warn("{}-{} offset {}: {}; the stream thread stops and is replaced, resuming from the last commit",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        LOG.error("Processing failed on {}-{} offset {} (processor {}): stopping the task",
                context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
        return Response.fail();
    }
}
