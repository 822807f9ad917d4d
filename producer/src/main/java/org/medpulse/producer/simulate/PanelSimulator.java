package org.medpulse.producer.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.producer.ingest.ResponseIds;
import org.medpulse.schemas.catalogue.ToolCatalogue;

/**
 * A synthetic survey panel calibrated to the study MedPulse starts from (see
 * {@link StudyCalibration}). It yields deliveries in the order a partner would send them: first
 * submissions by time, corrected resubmissions hours to days later, and a few submissions
 * delivered twice.
 *
 * <p>Deterministic: each respondent's answers come from a random source seeded by the panel seed,
 * the wave and the respondent's index, so the same settings give the same records, in the same
 * order, on every run and machine. Generation streams: a panel of millions needs little memory.
 */
public final class PanelSimulator {

    private static final Duration MIN_CORRECTION_DELAY = Duration.ofHours(1);
    private static final Duration MAX_CORRECTION_DELAY = Duration.ofDays(3);
    private static final Duration MAX_REDELIVERY_DELAY = Duration.ofHours(6);

    private final PanelSettings settings;
    private final Map<PracticeType, Weighted<String>> tools;

    private PanelSimulator(PanelSettings settings, ToolCatalogue catalogue) {
        this.settings = settings;
        this.tools = Map.of(
                PracticeType.GENERAL_PRACTITIONER, StudyCalibration.tools(catalogue, PracticeType.GENERAL_PRACTITIONER),
                PracticeType.SPECIALIST, StudyCalibration.tools(catalogue, PracticeType.SPECIALIST),
                PracticeType.OTHER, StudyCalibration.tools(catalogue, PracticeType.OTHER));
    }

    public static PanelSimulator of(PanelSettings settings) {
        return new PanelSimulator(settings, ToolCatalogue.builtIn());
    }

    public PanelSettings settings() {
        return settings;
    }

    /** Every delivery of the wave, in delivery order. */
    public Stream<SurveyResponse> deliveries() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Deliveries(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The partner file rows of one partner, in delivery order. */
    public Stream<SurveyResponse> deliveries(String partnerId) {
        return deliveries().filter(r -> r.getPartnerId().equals(partnerId));
    }

    /** Walks first submissions in time order, releasing corrections and redeliveries when their time comes. */
    private final class Deliveries implements Iterator<SurveyResponse> {
        private final long[] slotTimes;
        private final int[] respondentOfSlot;
        private final PriorityQueue<Pending> pending =
                new PriorityQueue<>(Comparator.comparingLong(Pending::deliveredAt).thenComparingLong(Pending::order));
        private int nextSlot;
        private long order;

        Deliveries() {
            int n = settings.respondents();
            SplittableRandom schedule = new SplittableRandom(mix(settings.seed(), settings.wave(), -1));
            long from = settings.from().toEpochMilli();
            long span = settings.to().toEpochMilli() - from;
            slotTimes = new long[n];
            for (int i = 0; i < n; i++) {
                slotTimes[i] = from + schedule.nextLong(span);
            }
            Arrays.sort(slotTimes);
            respondentOfSlot = new int[n];
            for (int i = 0; i < n; i++) {
                respondentOfSlot[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // who answers when: a seeded shuffle
                int j = schedule.nextInt(i + 1);
                int swap = respondentOfSlot[i];
                respondentOfSlot[i] = respondentOfSlot[j];
                respondentOfSlot[j] = swap;
            }
        }

        @Override
        public boolean hasNext() {
            return nextSlot < slotTimes.length || !pending.isEmpty();
        }

        @Override
        public SurveyResponse next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (nextSlot < slotTimes.length
                    && (pending.isEmpty() || slotTimes[nextSlot] <= pending.peek().deliveredAt())) {
                int slot = nextSlot++;
                return respondent(respondentOfSlot[slot], slotTimes[slot]);
            }
            return pending.poll().response();
        }

        private SurveyResponse respondent(int index, long submittedAt) {
            SplittableRandom random = new SplittableRandom(mix(settings.seed(), settings.wave(), index));
            Profile profile = profile(index, random);
            SurveyResponse first = answer(profile, submittedAt, random);
            maybeRedeliver(first, random);
            if (random.nextDouble() < settings.correctionShare()) {
                long delay = MIN_CORRECTION_DELAY.toMillis()
                        + random.nextLong(MAX_CORRECTION_DELAY.minus(MIN_CORRECTION_DELAY).toMillis());
                long correctedAt = Math.min(submittedAt + delay, settings.to().toEpochMilli() - 1);
                if (correctedAt > submittedAt) {
                    SurveyResponse correction = answer(profile, correctedAt, random);
                    schedule(correctedAt, correction);
                    maybeRedeliver(correction, random);
                }
            }
            return first;
        }

        private void maybeRedeliver(SurveyResponse response, SplittableRandom random) {
            if (random.nextDouble() < settings.duplicateShare()) {
                long at = response.getSubmittedAt().toEpochMilli() + 1 + random.nextLong(MAX_REDELIVERY_DELAY.toMillis());
                schedule(at, SurveyResponse.newBuilder(response).build());
            }
        }

        private void schedule(long deliveredAt, SurveyResponse response) {
            pending.add(new Pending(deliveredAt, order++, response));
        }
    }

    private record Pending(long deliveredAt, long order, SurveyResponse response) {
    }

    /** Who a respondent is: stays the same when they correct their answers. */
    private record Profile(String partnerId, String respondentId, PracticeType practiceType, String specialty,
            PracticeSetting setting, String region) {
    }

    private Profile profile(int index, SplittableRandom random) {
        PracticeType type = StudyCalibration.PRACTICE_TYPE.pick(random);
        String specialty = switch (type) {
            case GENERAL_PRACTITIONER -> StudyCalibration.GENERAL_PRACTICE;
            case SPECIALIST -> StudyCalibration.SPECIALTY.pick(random);
            case OTHER -> StudyCalibration.OTHER_SPECIALTY.pick(random);
        };
        return new Profile(settings.partnerId(index % settings.partners()), String.format("resp-%06d", index + 1),
                type, specialty, StudyCalibration.SETTING.get(type).pick(random), StudyCalibration.REGION.pick(random));
    }

    private SurveyResponse answer(Profile profile, long submittedAtMillis, SplittableRandom random) {
        Instant submittedAt = Instant.ofEpochMilli(submittedAtMillis);
        UsageFrequency usage = StudyCalibration.USAGE.get(profile.practiceType()).pick(random);
        boolean user = usage != UsageFrequency.NEVER;
        List<UseCase> useCases = new ArrayList<>();
        if (user) {
            useCases.add(UseCase.ADMINISTRATIVE_DOCUMENTATION);
            StudyCalibration.USE_CASES.forEach((useCase, p) -> {
                if (random.nextDouble() < p) {
                    useCases.add(useCase);
                }
            });
            if (random.nextDouble() < StudyCalibration.MEDICAL_IMAGING.get(profile.practiceType())) {
                useCases.add(UseCase.MEDICAL_IMAGING);
            }
        }
        List<Barrier> barriers = new ArrayList<>();
        StudyCalibration.BARRIERS.forEach((barrier, p) -> {
            if (random.nextDouble() < p) {
                barriers.add(barrier);
            }
        });
        double noBenefit = user ? StudyCalibration.NO_CLEAR_BENEFIT_USER : StudyCalibration.NO_CLEAR_BENEFIT_NON_USER;
        if (random.nextDouble() < noBenefit) {
            barriers.add(Barrier.NO_CLEAR_BENEFIT);
        }
        List<UseCase> future = new ArrayList<>();
        StudyCalibration.FUTURE_USE_CASES.forEach((useCase, p) -> {
            if (random.nextDouble() < p) {
                future.add(useCase);
            }
        });
        return SurveyResponse.newBuilder()
                .setResponseId(ResponseIds.derive(profile.partnerId(), profile.respondentId(), settings.wave(), submittedAt))
                .setPartnerId(profile.partnerId())
                .setRespondentId(profile.respondentId())
                .setWaveId(settings.wave())
                .setSubmittedAt(submittedAt)
                .setPracticeType(profile.practiceType())
                .setSpecialty(profile.specialty())
                .setSetting(profile.setting())
                .setRegion(profile.region())
                .setUsageFrequency(usage)
                .setUseCases(useCases)
                .setBarriers(barriers)
                .setTools(user ? tools(profile.practiceType(), usage, random) : List.of())
                .setExpectedFutureUseCases(future)
                .build();
    }

    /** The first tool is used as often as AI overall; others at most as often. */
    private List<ToolUsage> tools(PracticeType type, UsageFrequency usage, SplittableRandom random) {
        List<String> names = tools.get(type).pickDistinct(random, StudyCalibration.TOOL_COUNT.pick(random));
        List<ToolUsage> result = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            UsageFrequency frequency = i == 0 ? usage
                    : UsageFrequency.values()[1 + random.nextInt(usage.ordinal())];
            boolean withoutFrequency = random.nextDouble() < StudyCalibration.TOOL_WITHOUT_FREQUENCY;
            result.add(new ToolUsage(names.get(i), withoutFrequency ? null : frequency));
        }
        return result;
    }

    /** A seed for one respondent of one wave (index -1: the wave's schedule). */
    private static long mix(long seed, String wave, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + wave.hashCode();
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + index;
        return h ^ (h >>> 29);
    }
}
