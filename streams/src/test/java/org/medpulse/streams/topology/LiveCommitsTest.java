package org.medpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LiveCommitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LiveCommits commits = new LiveCommits(Duration.ofMillis(100), now::get);

    @Test
    void liveResponsesAskForACommitAtMostEveryInterval() {
        assertThat(commits.due(now.get() - 10)).isTrue();
        now.addAndGet(50);
        assertThat(commits.due(now.get())).as("within the interval").isFalse();
        now.addAndGet(50);
        assertThat(commits.due(now.get())).isTrue();
    }

    @Test
    void theTasksOfAStreamThreadShareItsClockAndEachThreadHasItsOwn() throws Exception {
        // The same instance serves every task: a second task on this thread waits for the interval.
        assertThat(commits.due(now.get())).isTrue();
        assertThat(commits.due(now.get())).as("another task, same thread, same moment").isFalse();
        AtomicBoolean otherThread = new AtomicBoolean();
        Thread thread = new Thread(() -> otherThread.set(commits.due(now.get())));
        thread.start();
        thread.join();
        assertThat(otherThread).as("another stream thread commits its own tasks").isTrue();
    }

    @Test
    void historyNeverAsksForAnEarlyCommit() {
        for (int i = 0; i < 10; i++) {
            now.addAndGet(1_000);
            assertThat(commits.due(now.get() - LiveCommits.LIVE.toMillis() - 1)).isFalse();
        }
    }

    @Test
    void aZeroIntervalTurnsItOff() {
        assertThat(new LiveCommits(Duration.ZERO, now::get).due(now.get())).isFalse();
    }
}
