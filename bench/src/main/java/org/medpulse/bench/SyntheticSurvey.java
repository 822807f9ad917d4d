package org.medpulse.bench;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.ResponseKey;

/**
 * A deterministic stream of plausible survey responses for benchmarks and integration tests:
 * mostly first answers, plus corrections (a later response of the same respondent and wave),
 * redeliveries (the same submission again, sometimes with other content) and late older
 * responses (out of order). Waves are {@code yyyy-MM} months; respondents submit inside their
 * wave's month. Memory stays bounded: repeats pick among the last few thousand submissions.
 */
public final class SyntheticSurvey {

    private static final String[] TOOL_NAMES = {"ChatGPT", "chat gpt", "chatgpt-4o", "Nabla", "Posos", "Lifen",
        "Synapse Medicine", "MammoScreen", "Gleamer", "Doctolib Assistant", "Copilot", "Gemini", "Claude",
        "Le Chat", "Perplexity", "OpenEvidence", "UpToDate", "Vidal", "DAX Copilot", "Outil interne"};
    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final PracticeType[] PRACTICE_TYPES = PracticeType.values();
    private static final PracticeSetting[] SETTINGS = PracticeSetting.values();
    private static final UseCase[] USE_CASES = UseCase.values();
    private static final Barrier[] BARRIERS = Barrier.values();
    private static final int RECENT = 4096;

    private final Settings settings;
    private final SplittableRandom random;
    private final List<SurveyResponse> recent = new ArrayList<>(RECENT);
    private final Set<String> respondentWaves = new HashSet<>();
    private long nextRespondent;
    private long nextResponse;

    /**
     * @param waves           wave ids ({@code yyyy-MM})
     * @param partners        number of panel partners
     * @param correctionShare share of responses that correct an earlier one
     * @param repeatShare     share that redeliver an earlier submission (half of them with other content)
     * @param lateShare       share that are older than the respondent's latest (arriving late)
     * @param notAfter        no response is submitted later: brokers refuse records stamped more than
     *                        an hour ahead ({@code log.message.timestamp.after.max.ms}), whole batches at once
     */
    public record Settings(List<String> waves, int partners, double correctionShare, double repeatShare,
            double lateShare, Instant notAfter, long seed) {

        public Settings {
            waves = List.copyOf(waves);
            Objects.requireNonNull(notAfter, "notAfter");
            if (waves.isEmpty() || partners < 1) {
                throw new IllegalArgumentException("Needs at least one wave and one partner");
            }
        }

        /** Three waves of 2025, five partners, 5% corrections, 2% redeliveries, 1% late older responses. */
        public static Settings typical(long seed) {
            return new Settings(List.of("2025-04", "2025-05", "2025-06"), 5, 0.05, 0.02, 0.01,
                    Instant.parse("2025-07-31T00:00:00Z"), seed);
        }

        /** One wave submitted until {@code notAfter}, three partners, the typical shares. */
        public static Settings wave(String wave, Instant notAfter, long seed) {
            return new Settings(List.of(wave), 3, 0.05, 0.02, 0.01, notAfter, seed);
        }
    }

    public SyntheticSurvey(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.random = new SplittableRandom(settings.seed());
    }

    /** The next response on the topic. */
    public SurveyResponse next() {
        double roll = random.nextDouble();
        SurveyResponse response;
        if (recent.isEmpty() || roll >= settings.correctionShare() + settings.repeatShare() + settings.lateShare()) {
            response = firstAnswer();
        } else if (roll < settings.correctionShare()) {
            response = reanswer(pickRecent(), 1);
        } else if (roll < settings.correctionShare() + settings.repeatShare()) {
            SurveyResponse original = pickRecent();
            response = random.nextBoolean() ? SurveyResponse.newBuilder(original).build()
                    : withContent(SurveyResponse.newBuilder(original)).build();
        } else {
            response = reanswer(pickRecent(), -1);
        }
        remember(response);
        respondentWaves.add(response.getWaveId() + "|" + response.getPartnerId() + "|" + response.getRespondentId());
        return response;
    }

    /** Respondent-wave pairs generated so far: the {@code respondents} total the stores must show. */
    public int respondentWaves() {
        return respondentWaves.size();
    }

    /** The record key the producer uses for {@code response}. */
    public static String keyOf(SurveyResponse response) {
        return ResponseKey.of(response);
    }

    private SurveyResponse firstAnswer() {
        String wave = settings.waves().get(random.nextInt(settings.waves().size()));
        YearMonth month = YearMonth.parse(wave);
        long start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long span = month.lengthOfMonth() * 86_400_000L;
        SurveyResponse.Builder builder = SurveyResponse.newBuilder()
                .setPartnerId("partner-" + (1 + random.nextInt(settings.partners())))
                .setRespondentId("physician-" + nextRespondent++)
                .setWaveId(wave)
                .setSubmittedAt(capped(start + random.nextLong(span)));
        return withContent(builder.setResponseId(nextResponseId())).build();
    }

    // direction 1: a correction, later; -1: an older answer arriving after the latest.
    private SurveyResponse reanswer(SurveyResponse earlier, int direction) {
        long shift = direction * (1 + random.nextLong(3 * 86_400_000L));
        SurveyResponse.Builder builder = SurveyResponse.newBuilder(earlier)
                .setResponseId(nextResponseId())
                .setSubmittedAt(capped(earlier.getSubmittedAt().toEpochMilli() + shift));
        return withContent(builder).build();
    }

    private Instant capped(long submittedAtMillis) {
        return Instant.ofEpochMilli(Math.min(submittedAtMillis, settings.notAfter().toEpochMilli()));
    }

    private SurveyResponse.Builder withContent(SurveyResponse.Builder builder) {
        UsageFrequency frequency = FREQUENCIES[random.nextInt(FREQUENCIES.length)];
        List<ToolUsage> tools = new ArrayList<>();
        if (frequency != UsageFrequency.NEVER) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                tools.add(new ToolUsage(TOOL_NAMES[random.nextInt(TOOL_NAMES.length)],
                        random.nextInt(5) == 0 ? null : FREQUENCIES[1 + random.nextInt(FREQUENCIES.length - 1)]));
            }
        }
        return builder.setPracticeType(PRACTICE_TYPES[random.nextInt(PRACTICE_TYPES.length)])
                .setSetting(SETTINGS[random.nextInt(SETTINGS.length)])
                .setSpecialty(null)
                .setRegion(null)
                .setUsageFrequency(frequency)
                .setUseCases(some(USE_CASES, 3))
                .setExpectedFutureUseCases(some(USE_CASES, 2))
                .setBarriers(some(BARRIERS, 3))
                .setTools(tools);
    }

    private <E> List<E> some(E[] symbols, int max) {
        int count = random.nextInt(max + 1);
        List<E> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(symbols[random.nextInt(symbols.length)]);
        }
        return chosen;
    }

    private SurveyResponse pickRecent() {
        return recent.get(random.nextInt(recent.size()));
    }

    private void remember(SurveyResponse response) {
        if (recent.size() < RECENT) {
            recent.add(response);
        } else {
            recent.set(random.nextInt(RECENT), response);
        }
    }

    private String nextResponseId() {
        return String.format("resp-%012d", nextResponse++);
    }
}
