package org.medpulse.streams.query;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.vocabulary.Vocabulary;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.ToolUse;

/**
 * One respondent's latest response in a wave, as the test reader sees it. Tools map a normalised
 * tool id to the frequency given for it ({@code null}: listed without a frequency). The record key
 * is given, or else mixed from the other fields: the same answer always has the same key. Market
 * drivers are {@code null} unless the answer was asked about them.
 */
public record Answer(
        String wave,
        String partnerId,
        PracticeType practiceType,
        PracticeSetting setting,
        Instant submittedAt,
        UsageFrequency frequency,
        Set<UseCase> useCases,
        Set<UseCase> expectedFutureUseCases,
        Set<Barrier> barriers,
        Map<String, UsageFrequency> tools,
        Set<MarketDriver> marketDrivers,
        int recordKey) {

    public Answer {
        useCases = Set.copyOf(useCases);
        expectedFutureUseCases = Set.copyOf(expectedFutureUseCases);
        barriers = Set.copyOf(barriers);
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        marketDrivers = marketDrivers == null ? null : Set.copyOf(marketDrivers);
    }

    public static Builder in(String wave) {
        return new Builder(wave);
    }

    public Cell cell() {
        return new Cell(partnerId, practiceType, setting);
    }

    /** The answer as {@code responses-latest} would hold it (its id is irrelevant to every aggregate). */
    public LatestResponse latest() {
        List<ToolUse> uses = tools.entrySet().stream()
                .map(e -> new ToolUse(e.getKey(), e.getValue() != null && Vocabulary.isRegularUse(e.getValue())))
                .sorted(Comparator.comparing(ToolUse::tool))
                .toList();
        return LatestResponse.of("answer", submittedAt.toEpochMilli(), practiceType, setting, frequency, useCases,
                expectedFutureUseCases, barriers, uses, marketDrivers, recordKey);
    }

    /** Builds answers with sensible defaults, so a test states only what it is about. */
    public static final class Builder {
        private final String wave;
        private String partnerId = "acme";
        private PracticeType practiceType = PracticeType.GENERAL_PRACTITIONER;
        private PracticeSetting setting = PracticeSetting.PRIVATE_PRACTICE;
        private Instant submittedAt = Instant.parse("2025-06-02T08:10:00Z");
        private UsageFrequency frequency = UsageFrequency.NEVER;
        private Set<UseCase> useCases = EnumSet.noneOf(UseCase.class);
        private Set<UseCase> expected = EnumSet.noneOf(UseCase.class);
        private Set<Barrier> barriers = EnumSet.noneOf(Barrier.class);
        private final Map<String, UsageFrequency> tools = new LinkedHashMap<>();
        private Integer recordKey;
        private Set<MarketDriver> drivers;

        private Builder(String wave) {
            this.wave = wave;
        }

        public Builder partner(String partner) {
            this.partnerId = partner;
            return this;
        }

        public Builder practiceType(PracticeType type) {
            this.practiceType = type;
            return this;
        }

        public Builder setting(PracticeSetting setting) {
            this.setting = setting;
            return this;
        }

        public Builder at(String instant) {
            return at(Instant.parse(instant));
        }

        public Builder at(Instant instant) {
            this.submittedAt = instant;
            return this;
        }

        public Builder frequency(UsageFrequency frequency) {
            this.frequency = frequency;
            return this;
        }

        public Builder useCases(UseCase... useCases) {
            this.useCases = Set.of(useCases);
            return this;
        }

        public Builder useCases(Set<UseCase> useCases) {
            this.useCases = useCases;
            return this;
        }

        public Builder expected(UseCase... useCases) {
            this.expected = Set.of(useCases);
            return this;
        }

        public Builder expected(Set<UseCase> useCases) {
            this.expected = useCases;
            return this;
        }

        public Builder barriers(Barrier... barriers) {
            this.barriers = Set.of(barriers);
            return this;
        }

        public Builder barriers(Set<Barrier> barriers) {
            this.barriers = barriers;
            return this;
        }

        public Builder tool(String id, UsageFrequency frequency) {
            tools.put(id, frequency);
            return this;
        }

        /** Asked about market drivers, naming {@code drivers} (none: asked, none named). */
        public Builder drivers(MarketDriver... drivers) {
            this.drivers = Set.of(drivers);
            return this;
        }

        public Builder recordKey(int recordKey) {
            this.recordKey = recordKey;
            return this;
        }

        public Answer build() {
            int key = recordKey != null ? recordKey
                    : mix(Objects.hash(wave, partnerId, practiceType, setting, submittedAt, frequency, useCases, expected,
                            barriers, tools, drivers));
            return new Answer(wave, partnerId, practiceType, setting, submittedAt, frequency, useCases, expected, barriers,
                    tools, drivers, key);
        }

        // Spreads a hash code over all 32 bits (MurmurHash3's finaliser), as record keys are.
        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }
    }
}
