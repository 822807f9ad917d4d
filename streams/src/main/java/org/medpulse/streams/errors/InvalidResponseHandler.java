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
 * A response that reads fine but fails validation goes to the dead-letter topic with its original
 * source bytes (Kafka Streams' KIP-1034 support), and processing continues. Any other processing
 * error is a bug: it stops the task rather than silently drop data, and under exactly-once
 * nothing of the failed transaction survives.
 */
public class InvalidResponseHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidResponseHandler.class);

    private final LogAndContinueProcessingExceptionHandler deadLetter = new LogAndContinueProcessingExceptionHandler();
    private Counter deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetter.configure(configs);
        deadLetters = DeadLetterMetrics.counter(configs, "invalid");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof InvalidSurveyResponseException) {
            Response response = deadLetter.handleError(context, record, exception);
            deadLetters.increment(response.deadLetterQueueRecords().size());
            return response;
        }
        LOG.error("Processing failed on {}-{} offset {} (processor {}): stopping the task",
                context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
        return Response.fail();
    }
}
