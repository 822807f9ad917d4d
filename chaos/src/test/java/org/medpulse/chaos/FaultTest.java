package org.medpulse.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpulse.chaos.check.ApiMonitor;

class FaultTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(60);

    @Test
    void noAnswerIsAnErrorOnlyBeyondTheGraceAfterTheLastFaultEnded() {
        Fault kill = fault(1, Fault.Kind.STREAMS_KILL, 0, 1);
        Fault outage = fault(2, Fault.Kind.REGISTRY_OUTAGE, 100, 160);
        List<ApiMonitor.Outage> outages = List.of(
                outage(0, 40),      // a restart: fine
                outage(2, 61),      // 60 s after the kill ended: fine
                outage(30, 70),     // ends 69 s after the kill ended: 9 s too long
                outage(110, 150),   // during the registry outage: fine
                outage(150, 215),   // ends 55 s after the outage ended: fine
                outage(300, 400));  // long after everything: 40 s too long
        List<Fault.LateOutage> late = Fault.late(outages, List.of(kill, outage), GRACE);
        assertThat(late).extracting(l -> l.outage().start()).containsExactly(T.plusSeconds(30), T.plusSeconds(300));
        assertThat(late).extracting(Fault.LateOutage::beyondGrace).containsExactly(Duration.ofSeconds(9),
                Duration.ofSeconds(40));
    }

    @Test
    void withoutAnyFaultBeforeItAnOutageMayLastTheGraceOnly() {
        List<Fault.LateOutage> late = Fault.late(List.of(outage(0, 59), outage(100, 170)), List.of(), GRACE);
        assertThat(late).hasSize(1);
        assertThat(late.get(0).beyondGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aFaultStillGoingOnExcusesTheOutage() {
        Fault running = fault(1, Fault.Kind.BROKER_KILL, 0, -1);
        assertThat(Fault.late(List.of(outage(1, 500)), List.of(running), GRACE)).isEmpty();
    }

    private static Fault fault(int number, Fault.Kind kind, long injected, long ended) {
        Fault fault = new Fault(number, kind);
        fault.injectedAt = T.plusSeconds(injected);
        fault.endedAt = ended < 0 ? null : T.plusSeconds(ended);
        return fault;
    }

    private static ApiMonitor.Outage outage(long start, long end) {
        return new ApiMonitor.Outage(T.plusSeconds(start), T.plusSeconds(end), 1, "refused");
    }
}
