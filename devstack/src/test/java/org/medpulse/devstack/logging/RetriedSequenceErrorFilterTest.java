package org.medpulse.devstack.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;

class RetriedSequenceErrorFilterTest {

    private final RetriedSequenceErrorFilter filter = new RetriedSequenceErrorFilter();
    private final Logger logger = (Logger) LoggerFactory.getLogger("kafka.server.ReplicaManager");

    private LoggingEvent event(Throwable thrown) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "Error processing append operation on partition x", thrown, null);
    }

    @Test
    void dropsTheRetriedTransactionsV2SequenceError() {
        OutOfOrderSequenceException retried = new OutOfOrderSequenceException("Invalid sequence number for producer 2 at "
                + "offset 25 in partition p-4: 25 (incoming seq. number). Expected sequence 0 for transactions v2 "
                + "idempotent producer with no existing state.");

        assertThat(filter.decide(event(retried))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsOtherSequenceErrorsAndEverythingElse() {
        OutOfOrderSequenceException other = new OutOfOrderSequenceException(
                "Out of order sequence number for producer 2 at offset 14407 in partition p-5: 504 (incoming seq. "
                        + "number), 167 (current end sequence number)");

        assertThat(filter.decide(event(other))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(new IllegalStateException("Expected sequence 0 for transactions v2 "
                + "idempotent producer with no existing state")))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(null))).isEqualTo(FilterReply.NEUTRAL);
    }
}
