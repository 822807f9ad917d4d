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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
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
 * {@link StudyCalibration}): the one generator of synthetic responses, behind
 * {@code medpulse simulate}, the demo and the benchmarks. It yields deliveries in the order a
 * partner would send them: first submissions by time, corrected resubmissions hours to days later,
 * and a few submissions delivered twice; if the settings ask for them, older answers delivered late
 * and redeliveries with other answers. {@link #deliveries(List)} gives several waves at once.
 *
 * <p>Deterministic: each respondent's answers come from a random source seeded by the panel seed,
 * the wave and the respondent's index, so the same settings give the same records, in the same
 * order, on every run and machine. Late answers and altered redeliveries are drawn from a source of
 * their own, so they never change the other deliveries; so are market drivers, so that a panel
 * asked about them ({@link PanelSettings#asksDrivers()}, v2, the default) and the same panel not
 * asked (v1) differ in {@code marketDrivers} only. Generation streams: a panel of millions needs
 * little memory.
 */
public final class PanelSimulator {

    private static final Duration MIN_CORRECTION_DELAY = Duration.ofHours(1);
    private static final Duration MAX_CORRECTION_DELAY = Duration.ofDays(3);
    private static final Duration MAX_REDELIVERY_DELAY = Duration.ofHours(6);
    /** A late answer is at most this much older than the respondent's first one... */
    private static final Duration MAX_LATE_AGE = Duration.ofDays(3);
    /** ...and arrives at most this long after it. */
    private static final Duration MAX_LATE_DELAY = Duration.ofDays(1);
    /** Draws of other answers for an altered redelivery before taking equal ones (practically never). */
    private static final int ALTERED_ANSWER_TRIES = 8;
    /** Tells a respondent's source of market drivers from their other sources (any constant would do; never change it). */
    private static final long DRIVER_DRAWS = 0x6D61726B65745632L;

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
        return new Deliveries(List.of(this)).stream();
    }

    /** The partner file rows of one partner, in delivery order. */
    public Stream<SurveyResponse> deliveries(String partnerId) {
        return deliveries().filter(r -> r.getPartnerId().equals(partnerId));
    }

    /**
     * The deliveries of several waves: each wave's in its delivery order, one wave after the other
     * in the order given. Each wave is generated as {@link #of(PanelSettings)} would.
     */
    public static Deliveries deliveries(List<PanelSettings> waves) {
        return new Deliveries(waves.stream().map(PanelSimulator::of).toList());
    }

    /** The respondent-waves the deliveries of {@code waves} hold: each wave has exactly its respondents. */
    public static long respondentWaves(List<PanelSettings> waves) {
        return waves.stream().mapToLong(PanelSettings::respondents).sum();
    }

    /**
     * Deliveries one at a time, counting the respondent-waves among those returned so far. A
     * respondent's first delivery in a wave comes before their correction, late answer and
     * redeliveries, so the first N deliveries hold exactly the respondent-waves counted after N.
     */
    public static final class Deliveries implements Iterator<SurveyResponse> {
        private final Iterator<PanelSimulator> waves;
        private WaveDeliveries current;
        private long respondentWavesBefore;

        private Deliveries(List<PanelSimulator> waves) {
            this.waves = waves.iterator();
        }

        @Override
        public boolean hasNext() {
            while ((current == null || !current.hasNext()) && waves.hasNext()) {
                if (current != null) {
                    respondentWavesBefore += current.respondentsDelivered();
                }
                current = waves.next().new WaveDeliveries();
            }
            return current != null && current.hasNext();
        }

        @Override
        public SurveyResponse next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        /** Respondent-waves whose first delivery has been returned so far. */
        public long respondentWaves() {
            return respondentWavesBefore + (current == null ? 0 : current.respondentsDelivered());
        }

        /** The deliveries not returned yet, as a stream. */
        public Stream<SurveyResponse> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                    Spliterator.ORDERED | Spliterator.NONNULL), false);
        }
    }

    /** Walks first submissions in time order, releasing corrections and redeliveries when their time comes. */
    private final class WaveDeliveries implements Iterator<SurveyResponse> {
        private final long[] slotTimes;
        private final int[] respondentOfSlot;
        private final PriorityQueue<Pending> pending =
                new PriorityQueue<>(Comparator.comparingLong(Pending::deliveredAt).thenComparingLong(Pending::order));
        private int nextSlot;
        private long order;

        WaveDeliveries() {
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

        int respondentsDelivered() {
            return nextSlot;
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
            long seed = mix(settings.seed(), settings.wave(), index);
            SplittableRandom random = new SplittableRandom(seed);
            // Drivers come from a source of their own: drawing them moves none of the other draws.
            Profile profile = profile(index, random,
                    settings.asksDrivers() ? new SplittableRandom(seed ^ DRIVER_DRAWS) : null);
            SurveyResponse first = answer(profile, submittedAt, random);
            maybeRedeliver(first, settings.duplicateShare(), random, PanelSimulator::copy);
            SurveyResponse correction = null;
            if (random.nextDouble() < settings.correctionShare()) {
                long delay = MIN_CORRECTION_DELAY.toMillis()
                        + random.nextLong(MAX_CORRECTION_DELAY.minus(MIN_CORRECTION_DELAY).toMillis());
                long correctedAt = Math.min(submittedAt + delay, settings.to().toEpochMilli() - 1);
                if (correctedAt > submittedAt) {
                    correction = answer(profile, correctedAt, random);
                    schedule(correctedAt, correction);
                    maybeRedeliver(correction, settings.duplicateShare(), random, PanelSimulator::copy);
                }
            }
            if (!settings.disorder().isNone()) {
                // A source of their own, split off a copy: the respondent's draws above stay as they were.
                disorder(profile, first, correction, new SplittableRandom(seed).split());
            }
            return first;
        }

        /** Altered redeliveries of the respondent's submissions, then maybe an older answer arriving late. */
        private void disorder(Profile profile, SurveyResponse first, SurveyResponse correction,
                SplittableRandom random) {
            UnaryOperator<SurveyResponse> otherAnswers = response -> otherAnswers(profile, response, random);
            maybeRedeliver(first, settings.disorder().alteredRedeliveryShare(), random, otherAnswers);
            if (correction != null) {
                maybeRedeliver(correction, settings.disorder().alteredRedeliveryShare(), random, otherAnswers);
            }
            if (random.nextDouble() < settings.disorder().lateShare()) {
                long firstAt = first.getSubmittedAt().toEpochMilli();
                long earliest = Math.max(settings.from().toEpochMilli(), firstAt - MAX_LATE_AGE.toMillis());
                if (earliest < firstAt) {
                    long olderAt = earliest + random.nextLong(firstAt - earliest);
                    SurveyResponse older = answer(profile, olderAt, random);
                    schedule(firstAt + 1 + random.nextLong(MAX_LATE_DELAY.toMillis()), older);
                }
            }
        }

        /** Other answers under the response's id and time. */
        private SurveyResponse otherAnswers(Profile profile, SurveyResponse response, SplittableRandom random) {
            long submittedAt = response.getSubmittedAt().toEpochMilli();
            SurveyResponse other = answer(profile, submittedAt, random);
            for (int tries = 1; other.equals(response) && tries < ALTERED_ANSWER_TRIES; tries++) {
                other = answer(profile, submittedAt, random);
            }
            return other;
        }

        /** With probability {@code share}, delivers {@code content} of the response again, up to six hours later. */
        private void maybeRedeliver(SurveyResponse response, double share, SplittableRandom random,
                UnaryOperator<SurveyResponse> content) {
            if (random.nextDouble() < share) {
                long at = response.getSubmittedAt().toEpochMilli() + 1 + random.nextLong(MAX_REDELIVERY_DELAY.toMillis());
                schedule(at, content.apply(response));
            }
        }

        private void schedule(long deliveredAt, SurveyResponse response) {
            pending.add(new Pending(deliveredAt, order++, response));
        }
    }

    private static SurveyResponse copy(SurveyResponse response) {
        return SurveyResponse.newBuilder(response).build();
    }

    private record Pending(long deliveredAt, long order, SurveyResponse response) {
    }

    /**
     * Who a respondent is: stays the same when they correct their answers. {@code drivers} is the
     * source of their market drivers, one answer after the other (null: not asked).
     */
    private record Profile(String partnerId, String respondentId, PracticeType practiceType, String specialty,
            PracticeSetting setting, String region, SplittableRandom drivers) {
    }

    private Profile profile(int index, SplittableRandom random, SplittableRandom drivers) {
        PracticeType type = StudyCalibration.PRACTICE_TYPE.pick(random);
        String specialty = switch (type) {
            case GENERAL_PRACTITIONER -> StudyCalibration.GENERAL_PRACTICE;
            case SPECIALIST -> StudyCalibration.SPECIALTY.pick(random);
            case OTHER -> StudyCalibration.OTHER_SPECIALTY.pick(random);
        };
        return new Profile(settings.partnerId(index % settings.partners()), String.format("resp-%06d", index + 1),
                type, specialty, StudyCalibration.SETTING.get(type).pick(random), StudyCalibration.REGION.pick(random),
                drivers);
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
                .setMarketDrivers(profile.drivers() == null ? null : drivers(profile, user))
                .build();
    }

    /** The market drivers a respondent names (possibly none), from their own source. */
    private static List<MarketDriver> drivers(Profile profile, boolean user) {
        List<MarketDriver> drivers = new ArrayList<>();
        double factor = user ? 1 : StudyCalibration.DRIVERS_FACTOR_NON_USER;
        StudyCalibration.MARKET_DRIVERS.forEach((driver, p) -> {
            double share = p * factor * (driver == MarketDriver.PERSONALISED_MEDICINE
                    ? StudyCalibration.PERSONALISED_MEDICINE_FACTOR.get(profile.practiceType()) : 1);
            if (profile.drivers().nextDouble() < share) {
                drivers.add(driver);
            }
        });
        return drivers;
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
