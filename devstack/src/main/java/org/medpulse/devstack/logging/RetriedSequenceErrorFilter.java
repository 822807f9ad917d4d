package org.medpulse.devstack.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the embedded broker's stack traces for a sequence error that exactly-once producers
 * retry on their own: under transactions v2, a batch that reaches a partition before the
 * transaction's first batch there is refused with a retriable {@code OutOfOrderSequenceException}
 * ("Expected sequence 0 for transactions v2 ...", KAFKA-18202) and sent again. The broker logs
 * each refusal at ERROR, which on the local stack's console reads like a failure when nothing
 * failed. Every other event, other sequence errors included, passes.
 */
public final class RetriedSequenceErrorFilter extends Filter<ILoggingEvent> {

    private static final String EXCEPTION = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    private static final String RETRIED = "for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null && EXCEPTION.equals(thrown.getClassName()) && thrown.getMessage() != null
                && thrown.getMessage().contains(RETRIED)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
