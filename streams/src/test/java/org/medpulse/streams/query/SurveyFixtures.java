package org.medpulse.streams.query;

import static org.medpulse.avro.UsageFrequency.DAILY;
import static org.medpulse.avro.UsageFrequency.LESS_THAN_MONTHLY;
import static org.medpulse.avro.UsageFrequency.MONTHLY;
import static org.medpulse.avro.UsageFrequency.NEVER;
import static org.medpulse.avro.UsageFrequency.SEVERAL_TIMES_A_DAY;
import static org.medpulse.avro.UsageFrequency.SEVERAL_TIMES_A_WEEK;
import static org.medpulse.avro.UsageFrequency.WEEKLY;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/**
 * A small panel whose figures can be checked by hand. Wave {@code 2025-06}: 50 respondents
 * (i = 0..49), submitted hourly from 2025-06-02T08:10Z; partner {@code acme} for i < 40 and
 * {@code Médica} for the last ten; general practitioners when i % 5 < 3 (30), specialists
 * otherwise (20); hospital when i is even.
 * <ul>
 * <li>frequencies: NEVER 15, LESS_THAN_MONTHLY 5, MONTHLY 5, WEEKLY 5, SEVERAL_TIMES_A_WEEK 10,
 *     DAILY 7, SEVERAL_TIMES_A_DAY 3 (users 35, regular users 20);</li>
 * <li>use cases: ADMINISTRATIVE_DOCUMENTATION for every user (35), DIAGNOSIS for i ≥ 30 (20);
 *     expected: ADMINISTRATIVE_DOCUMENTATION when i is even (25), PATIENT_FOLLOW_UP when i % 4 = 0 (13);</li>
 * <li>barriers: ETHICS_AND_LIABILITY 30, DEHUMANIZATION_OF_CARE 20, RELIABILITY_OF_RESULTS 20, COST 3;</li>
 * <li>market drivers (v2): asked of i ≥ 10 (40; the first ten answered v1): LACK_OF_MEDICAL_TIME when i is even (20),
 *     REPETITIVE_TASKS when i % 3 = 0 (13);</li>
 * <li>tools: chatgpt for every user (35; regular 20: daily from i = 30), posos for 30 ≤ i < 40 (10; regular 10), nabla
 *     for i ≥ 40 (10; regular 5: several times a week for 40..44, no frequency after), outil-interne
 * for i = 47 (a tool the catalogue does not know).</li>
 * </ul>
 * Wave {@code 2024-06}: 8 acme GPs in hospital, two of them daily ChatGPT users, submitted
 * 2024-06-10. Wave {@code 2026-06}: 3 respondents, all daily ChatGPT users (below any sensible
 * minimum cell size), submitted 2026-06-01.
 */
public final class SurveyFixtures {

    public static final String WAVE_2024 = "2024-06";
    public static final String WAVE_2025 = "2025-06";
    public static final String WAVE_2026 = "2026-06";
    public static final Instant FIRST_2025 = Instant.parse("2025-06-02T08:10:00Z");
    public static final Instant LAST_2025 = FIRST_2025.plus(Duration.ofHours(49));

    private SurveyFixtures() {
    }

    public static List<Answer> panel() {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(wave2025(i));
        }
        for (int i = 0; i < 8; i++) {
            Answer.Builder a = Answer.in(WAVE_2024).partner("acme").setting(PracticeSetting.HOSPITAL)
                    .at(Instant.parse("2024-06-10T09:00:00Z").plusSeconds(60L * i))
                    .frequency(i < 2 ? DAILY : NEVER);
            if (i < 2) {
                a.tool("chatgpt", DAILY).useCases(UseCase.ADMINISTRATIVE_DOCUMENTATION);
            }
            answers.add(a.build());
        }
        for (int i = 0; i < 3; i++) {
            answers.add(Answer.in(WAVE_2026).partner("acme").at(Instant.parse("2026-06-01T10:00:00Z").plusSeconds(i))
                    .frequency(DAILY).tool("chatgpt", DAILY).build());
        }
        return answers;
    }

    private static Answer wave2025(int i) {
        Answer.Builder a = Answer.in(WAVE_2025)
                .partner(i < 40 ? "acme" : "Médica")
                .practiceType(i % 5 < 3 ? PracticeType.GENERAL_PRACTITIONER : PracticeType.SPECIALIST)
                .setting(i % 2 == 0 ? PracticeSetting.HOSPITAL : PracticeSetting.PRIVATE_PRACTICE)
                .at(FIRST_2025.plus(Duration.ofHours(i)))
                .frequency(frequency(i));
        EnumSet<UseCase> useCases = EnumSet.noneOf(UseCase.class);
        if (i >= 15) {
            useCases.add(UseCase.ADMINISTRATIVE_DOCUMENTATION);
            a.tool("chatgpt", i >= 30 ? DAILY : MONTHLY);
        }
        if (i >= 30) {
            useCases.add(UseCase.DIAGNOSIS);
        }
        a.useCases(useCases);
        EnumSet<UseCase> expected = EnumSet.noneOf(UseCase.class);
        if (i % 2 == 0) {
            expected.add(UseCase.ADMINISTRATIVE_DOCUMENTATION);
        }
        if (i % 4 == 0) {
            expected.add(UseCase.PATIENT_FOLLOW_UP);
        }
        a.expected(expected);
        EnumSet<Barrier> barriers = EnumSet.noneOf(Barrier.class);
        if (i < 30) {
            barriers.add(Barrier.ETHICS_AND_LIABILITY);
        }
        if (i < 20) {
            barriers.add(Barrier.DEHUMANIZATION_OF_CARE);
            barriers.add(Barrier.RELIABILITY_OF_RESULTS);
        }
        if (i < 3) {
            barriers.add(Barrier.COST);
        }
        a.barriers(barriers);
        if (i >= 10) {
            EnumSet<MarketDriver> drivers = EnumSet.noneOf(MarketDriver.class);
            if (i % 2 == 0) {
                drivers.add(MarketDriver.LACK_OF_MEDICAL_TIME);
            }
            if (i % 3 == 0) {
                drivers.add(MarketDriver.REPETITIVE_TASKS);
            }
            a.drivers(drivers.toArray(MarketDriver[]::new));
        }
        if (i >= 30 && i < 40) {
            a.tool("posos", DAILY);
        }
        if (i >= 40) {
            a.tool("nabla", i < 45 ? SEVERAL_TIMES_A_WEEK : null);
        }
        if (i == 47) {
            a.tool("outil-interne", MONTHLY);
        }
        return a.build();
    }

    private static UsageFrequency frequency(int i) {
        if (i < 15) {
            return NEVER;
        } else if (i < 20) {
            return LESS_THAN_MONTHLY;
        } else if (i < 25) {
            return MONTHLY;
        } else if (i < 30) {
            return WEEKLY;
        } else if (i < 40) {
            return SEVERAL_TIMES_A_WEEK;
        } else if (i < 47) {
            return DAILY;
        }
        return SEVERAL_TIMES_A_DAY;
    }
}
