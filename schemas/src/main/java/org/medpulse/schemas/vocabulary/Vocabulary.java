package org.medpulse.schemas.vocabulary;

import java.util.Map;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
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
    /** The study's French labels of the eight drivers, and short forms. */
    public static final SymbolMatcher<MarketDriver> MARKET_DRIVER = SymbolMatcher.of(MarketDriver.class, Map.ofEntries(
            Map.entry("manque de temps médical disponible", MarketDriver.LACK_OF_MEDICAL_TIME),
            Map.entry("manque de temps médical", MarketDriver.LACK_OF_MEDICAL_TIME),
            Map.entry("absence de droit à l'erreur", MarketDriver.NO_RIGHT_TO_ERROR),
            Map.entry("multiplicité des tâches répétitives et chronophages", MarketDriver.REPETITIVE_TASKS),
            Map.entry("tâches répétitives", MarketDriver.REPETITIVE_TASKS),
            Map.entry("activité requérant un volume important de connaissances", MarketDriver.KNOWLEDGE_VOLUME),
            Map.entry("volume de connaissances", MarketDriver.KNOWLEDGE_VOLUME),
            Map.entry("essor de la médecine personnalisée et prédictive", MarketDriver.PERSONALISED_MEDICINE),
            Map.entry("médecine personnalisée", MarketDriver.PERSONALISED_MEDICINE),
            Map.entry("transformation des cursus universitaires", MarketDriver.CURRICULUM_CHANGE),
            Map.entry("évolution des politiques réglementaires", MarketDriver.REGULATORY_CHANGE),
            Map.entry("demande croissante des patients", MarketDriver.PATIENT_DEMAND),
            Map.entry("demande des patients", MarketDriver.PATIENT_DEMAND)));

    private Vocabulary() {
    }

    /** A response shows regular use when its frequency is several times a week or more. */
    public static boolean isRegularUse(UsageFrequency frequency) {
        return frequency != null && frequency.ordinal() >= UsageFrequency.SEVERAL_TIMES_A_WEEK.ordinal();
    }
}
