package org.medpulse.streams.errors;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import io.micrometer.core.instrument.Counter;

/**
 * A record the application cannot read (not the wire format, unknown schema id, garbage body)
 * goes to the dead-letter topic and processing continues. Kafka Streams' own dead-letter support
 * (KIP-1034, {@code errors.dead.letter.queue.topic.name}) builds the record: original key and
 * value bytes and headers, plus {@code __streams.errors.exception}, {@code .message},
 * {@code .stacktrace}, {@code .topic}, {@code .partition} and {@code .offset}; it is produced in
 * the task's transaction under exactly-once. This class adds the count.
 */
public class UnreadableRecordHandler extends LogAndContinueExceptionHandler {

    private Counter deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        deadLetters = DeadLetterMetrics.counter(configs, "unreadable");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        Response response = super.handleError(context, record, exception);
        deadLetters.increment(response.deadLetterQueueRecords().size());
        return response;
    }
}
