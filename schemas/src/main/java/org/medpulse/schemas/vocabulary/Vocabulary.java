package org.medpulse.schemas.vocabulary;

import java.util.Map;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/**
 * The survey's vocabularies with the aliases partners use (French spreadsheet exports say
 * {@code MG} or {@code généraliste} for a general practitioner). Ingestion and API filters both
 * match through these, so a value accepted in a file is accepted in a query.
 */
public final class Vocabulary {

    public static final SymbolMatcher<PracticeType> PRACTICE_TYPE = SymbolMatcher.of(PracticeType.class, Map.of(
            "GP", PracticeType.GENERAL_PRACTITIONER,
            "MG", PracticeType.GENERAL_PRACTITIONER,
            "généraliste", PracticeType.GENERAL_PRACTITIONER,
            "spécialiste", PracticeType.SPECIALIST));
    public static final SymbolMatcher<PracticeSetting> SETTING = SymbolMatcher.of(PracticeSetting.class);
    public static final SymbolMatcher<UsageFrequency> USAGE_FREQUENCY = SymbolMatcher.of(UsageFrequency.class);
    public static final SymbolMatcher<UseCase> USE_CASE = SymbolMatcher.of(UseCase.class);
    public static final SymbolMatcher<Barrier> BARRIER = SymbolMatcher.of(Barrier.class);

    private Vocabulary() {
    }

    /** A response shows regular use when its frequency is several times a week or more. */
    public static boolean isRegularUse(UsageFrequency frequency) {
        return frequency != null && frequency.ordinal() >= UsageFrequency.SEVERAL_TIMES_A_WEEK.ordinal();
    }
}
