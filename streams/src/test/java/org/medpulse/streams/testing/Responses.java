package org.medpulse.streams.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.ResponseKey;

/** Readable construction of survey responses in tests. */
public final class Responses {

    private static final AtomicLong IDS = new AtomicLong();

    private Responses() {
    }

    /** A response with neutral defaults: GP, hospital, never uses AI, submitted 2025-06-02T09:00Z. */
    public static Builder response(String partner, String respondent, String wave) {
        return new Builder(partner, respondent, wave);
    }

    /** The record key the producer uses. */
    public static String keyOf(SurveyResponse response) {
        return ResponseKey.of(response);
    }

    public static final class Builder {
        private final SurveyResponse.Builder avro = SurveyResponse.newBuilder();
        private final List<ToolUsage> tools = new ArrayList<>();

        private Builder(String partner, String respondent, String wave) {
            avro.setPartnerId(partner).setRespondentId(respondent).setWaveId(wave)
                    .setResponseId("response-" + IDS.incrementAndGet())
                    .setSubmittedAt(Instant.parse("2025-06-02T09:00:00Z"))
                    .setPracticeType(PracticeType.GENERAL_PRACTITIONER)
                    .setSetting(PracticeSetting.HOSPITAL)
                    .setUsageFrequency(UsageFrequency.NEVER);
        }

        public Builder id(String responseId) {
            avro.setResponseId(responseId);
            return this;
        }

        public Builder at(String isoInstant) {
            return at(Instant.parse(isoInstant));
        }

        public Builder at(Instant submittedAt) {
            avro.setSubmittedAt(submittedAt);
            return this;
        }

        public Builder practice(PracticeType practiceType, PracticeSetting setting) {
            avro.setPracticeType(practiceType).setSetting(setting);
            return this;
        }

        public Builder frequency(UsageFrequency frequency) {
            avro.setUsageFrequency(frequency);
            return this;
        }

        public Builder useCases(UseCase... useCases) {
            avro.setUseCases(Arrays.asList(useCases));
            return this;
        }

        public Builder expected(UseCase... useCases) {
            avro.setExpectedFutureUseCases(Arrays.asList(useCases));
            return this;
        }

        public Builder barriers(Barrier... barriers) {
            avro.setBarriers(Arrays.asList(barriers));
            return this;
        }

        /** A tool as the respondent named it; {@code frequency} may be null. */
        /** Asked about market drivers (v2), naming {@code drivers}. */
        public Builder drivers(MarketDriver... drivers) {
            avro.setMarketDrivers(Arrays.asList(drivers));
            return this;
        }

        public Builder tool(String name, UsageFrequency frequency) {
            tools.add(new ToolUsage(name, frequency));
            return this;
        }

        public SurveyResponse build() {
            return avro.setTools(new ArrayList<>(tools)).build();
        }
    }
}
