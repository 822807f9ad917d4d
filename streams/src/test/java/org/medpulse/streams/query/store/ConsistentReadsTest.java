package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.state.AggregateVisibility;

class ConsistentReadsTest {

    @Test
    void aReadThatACommitOverlappedIsReadAgain() {
        AtomicInteger reads = new AtomicInteger();
        // The first read sees the commit land between its two scans; the second reads it whole.
        QueryResult<String> result = ConsistentReads.read(() -> {
            if (reads.incrementAndGet() == 1) {
                AggregateVisibility.write(0, () -> { });
                return QueryResult.success("torn");
            }
            return QueryResult.success("whole");
        }, "partition 0");

        assertThat(result.value()).isEqualTo("whole");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadWaitsForACommitThatIsWriting() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Thread[] reader = new Thread[1];
        QueryResult<?>[] result = new QueryResult<?>[1];
        AggregateVisibility.write(0, () -> {
            reader[0] = new Thread(() -> result[0] = ConsistentReads.read(() -> QueryResult.success(reads.incrementAndGet()), "p"));
            reader[0].start();
            // While this commit writes, the reader does not read.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> reads.get() == 0);
        });
        reader[0].join();
        assertThat(result[0].value()).isEqualTo(1);
    }

    @Test
    void aPartitionThatNeverStopsChangingIsARetriableFailureNotAMixedAnswer() {
        QueryResult<String> result = ConsistentReads.read(() -> {
            AggregateVisibility.write(0, () -> { });
            return QueryResult.success("torn");
        }, "partition 3");

        assertThat(result).isInstanceOfSatisfying(QueryResult.Failure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(FailureReason.REBALANCING);
            assertThat(failure.reason().isRetriable()).isTrue();
            assertThat(failure.message()).contains("partition 3");
        });
    }
}
