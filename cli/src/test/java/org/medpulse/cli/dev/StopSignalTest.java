package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import sun.misc.Signal;

class StopSignalTest {

    @Test
    void releasesItsWaiterWhenRequested() throws Exception {
        try (StopSignal stop = StopSignal.manual()) {
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(stop.isRequested()).isFalse();

            stop.request();

            waiter.get(10, TimeUnit.SECONDS);
            assertThat(stop.isRequested()).isTrue();
        }
    }

    @Test
    void turnsSigtermIntoAStopRequestInsteadOfAnExitAndRestoresTheHandlerOnClose() {
        // SIGTERM, not SIGINT: a shell starting a background job makes it ignore SIGINT, and the
        // JVM then leaves SIGINT alone; SIGTERM is never ignored that way.
        Signal term = new Signal("TERM");
        try (StopSignal stop = StopSignal.onInterruptOrTerminate()) {
            Signal.raise(term);
            await().atMost(Duration.ofSeconds(10)).until(stop::isRequested);
        }
        // Closing put the JVM's own handler back: replacing it now hands back what we restored.
        var restored = Signal.handle(term, signal -> { });
        try {
            assertThat(restored.getClass().getName()).doesNotContain("StopSignal");
        } finally {
            Signal.handle(term, restored);
        }
    }
}
