package org.medpulse.producer.simulate;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;

/**
 * The figures of the study MedPulse starts from, as the simulator's distributions. Over a large
 * panel they give:
 * <ul>
 *   <li>about 40% of respondents using AI several times a week or more, about 30% never;
 *       specialists more than general practitioners (46% vs 35% regular use);</li>
 *   <li>every user listing {@code ADMINISTRATIVE_DOCUMENTATION} among their use cases;</li>
 *   <li>barriers led by {@code ETHICS_AND_LIABILITY} (58%), {@code DEHUMANIZATION_OF_CARE} (50%),
 *       {@code RELIABILITY_OF_RESULTS} (46%), every other barrier at most 32%;</li>
 *   <li>tools from the built-in catalogue of about twenty, ChatGPT by far the most common;</li>
 *   <li>expected future help: administrative work about 50%, patient follow-up, diagnosis and care
 *       adaptation about 25% each.</li>
 * </ul>
 * The market drivers (schema v2) are the exception: the study names them but gives no figures, so
 * their shares here are assumptions (see {@link #MARKET_DRIVERS}), not the study's.
 */
final class StudyCalibration {

    static final Weighted<PracticeType> PRACTICE_TYPE = Weighted.<PracticeType>builder()
            .add(PracticeType.GENERAL_PRACTITIONER, 0.55)
            .add(PracticeType.SPECIALIST, 0.40)
            .add(PracticeType.OTHER, 0.05)
            .build();

    /** Regular use (several times a week or more): GP 35%, specialist 46%, other 40%. */
    static final Map<PracticeType, Weighted<UsageFrequency>> USAGE = new EnumMap<>(Map.of(
            PracticeType.GENERAL_PRACTITIONER, usage(0.34, 0.10, 0.10, 0.11, 0.17, 0.13, 0.05),
            PracticeType.SPECIALIST, usage(0.25, 0.08, 0.09, 0.12, 0.21, 0.17, 0.08),
            PracticeType.OTHER, usage(0.30, 0.10, 0.10, 0.10, 0.20, 0.14, 0.06)));

    static final Map<PracticeType, Weighted<PracticeSetting>> SETTING = new EnumMap<>(Map.of(
            PracticeType.GENERAL_PRACTITIONER, Weighted.<PracticeSetting>builder()
                    .add(PracticeSetting.PRIVATE_PRACTICE, 0.80).add(PracticeSetting.MIXED, 0.12)
                    .add(PracticeSetting.HOSPITAL, 0.05).add(PracticeSetting.OTHER, 0.03).build(),
            PracticeType.SPECIALIST, Weighted.<PracticeSetting>builder()
                    .add(PracticeSetting.HOSPITAL, 0.45).add(PracticeSetting.PRIVATE_PRACTICE, 0.30)
                    .add(PracticeSetting.MIXED, 0.22).add(PracticeSetting.OTHER, 0.03).build(),
            PracticeType.OTHER, Weighted.<PracticeSetting>builder()
                    .add(PracticeSetting.HOSPITAL, 0.40).add(PracticeSetting.OTHER, 0.30)
                    .add(PracticeSetting.MIXED, 0.15).add(PracticeSetting.PRIVATE_PRACTICE, 0.15).build()));

    static final Weighted<String> SPECIALTY = weighted(List.of(
            "Cardiologie", "Radiologie", "Dermatologie", "Pédiatrie", "Psychiatrie", "Oncologie",
            "Gynécologie-obstétrique", "Anesthésie-réanimation", "Ophtalmologie", "Rhumatologie",
            "Gastro-entérologie", "Neurologie"));

    static final String GENERAL_PRACTICE = "Médecine générale";
    static final Weighted<String> OTHER_SPECIALTY = weighted(List.of("Santé publique", "Médecine du travail",
            "Médecine scolaire"));

    static final Weighted<String> REGION = Weighted.<String>builder()
            .add("Île-de-France", 19).add("Auvergne-Rhône-Alpes", 12).add("Nouvelle-Aquitaine", 9)
            .add("Occitanie", 9).add("Hauts-de-France", 9).add("Grand Est", 8)
            .add("Provence-Alpes-Côte d'Azur", 8).add("Pays de la Loire", 6).add("Bretagne", 5)
            .add("Normandie", 5).add("Bourgogne-Franche-Comté", 4).add("Centre-Val de Loire", 4)
            .add("Corse", 0.5).build();

    /** Probability that a user (not NEVER) lists each use case besides administrative documentation. */
    static final Map<UseCase, Double> USE_CASES = ordered(Map.of(
            UseCase.REFERRAL_LETTERS, 0.35,
            UseCase.KNOWLEDGE_SEARCH, 0.40,
            UseCase.CLINICAL_DECISION_SUPPORT, 0.20,
            UseCase.DIAGNOSIS, 0.15,
            UseCase.PATIENT_COMMUNICATION, 0.20,
            UseCase.PRESCRIPTION_SAFETY, 0.15,
            UseCase.PATIENT_FOLLOW_UP, 0.12,
            UseCase.CARE_ADAPTATION, 0.08,
            UseCase.RISK_MANAGEMENT, 0.05,
            UseCase.OTHER, 0.03));

    /** Medical imaging is a specialists' use case (radiology, oncology…). */
    static final Map<PracticeType, Double> MEDICAL_IMAGING = new EnumMap<>(Map.of(
            PracticeType.GENERAL_PRACTITIONER, 0.03, PracticeType.SPECIALIST, 0.15, PracticeType.OTHER, 0.05));

    /** Probability that any respondent names each barrier. */
    static final Map<Barrier, Double> BARRIERS = ordered(Map.of(
            Barrier.ETHICS_AND_LIABILITY, 0.58,
            Barrier.DEHUMANIZATION_OF_CARE, 0.50,
            Barrier.RELIABILITY_OF_RESULTS, 0.46,
            Barrier.DATA_PRIVACY, 0.32,
            Barrier.LACK_OF_TRAINING, 0.28,
            Barrier.COST, 0.18,
            Barrier.WORKFLOW_INTEGRATION, 0.16,
            Barrier.REGULATORY_UNCERTAINTY, 0.14,
            Barrier.OTHER, 0.04));

    /** No clear benefit is what non-users say; users rarely do. */
    static final double NO_CLEAR_BENEFIT_NON_USER = 0.30;
    static final double NO_CLEAR_BENEFIT_USER = 0.06;

    /** Probability that any respondent expects future help with each use case. */
    static final Map<UseCase, Double> FUTURE_USE_CASES = ordered(Map.of(
            UseCase.ADMINISTRATIVE_DOCUMENTATION, 0.50,
            UseCase.PATIENT_FOLLOW_UP, 0.25,
            UseCase.DIAGNOSIS, 0.25,
            UseCase.CARE_ADAPTATION, 0.25,
            UseCase.CLINICAL_DECISION_SUPPORT, 0.12,
            UseCase.KNOWLEDGE_SEARCH, 0.10,
            UseCase.PRESCRIPTION_SAFETY, 0.08,
            UseCase.REFERRAL_LETTERS, 0.05,
            UseCase.MEDICAL_IMAGING, 0.05,
            UseCase.RISK_MANAGEMENT, 0.04));

    /**
     * Probability that a respondent who uses AI names each market driver as pushing their own
     * adoption. <b>Not from the study</b>: it names the eight drivers (the market's, in its words)
     * but publishes no share for any of them, so these are MedPulse's own assumptions, chosen only
     * to look plausible: the drivers the study ties to doctors' daily work (lack of medical time,
     * repetitive and time-consuming tasks, the volume of knowledge to master) named most, the
     * structural ones (curricula, regulation) least. Demos and tests must not read them as findings.
     * Over a large panel, users name about two drivers on average and about 6% name none; non-users
     * (asked as well, each share times {@link #DRIVERS_FACTOR_NON_USER}) about 1.3, and about 23% none.
     */
    static final Map<MarketDriver, Double> MARKET_DRIVERS = ordered(Map.of(
            MarketDriver.LACK_OF_MEDICAL_TIME, 0.55,
            MarketDriver.REPETITIVE_TASKS, 0.50,
            MarketDriver.KNOWLEDGE_VOLUME, 0.35,
            MarketDriver.PATIENT_DEMAND, 0.22,
            MarketDriver.NO_RIGHT_TO_ERROR, 0.18,
            MarketDriver.PERSONALISED_MEDICINE, 0.15,
            MarketDriver.REGULATORY_CHANGE, 0.10,
            MarketDriver.CURRICULUM_CHANGE, 0.07,
            MarketDriver.OTHER, 0.03));

    /** Personalised and predictive medicine weighs more for specialists (an assumption too). */
    static final Map<PracticeType, Double> PERSONALISED_MEDICINE_FACTOR = new EnumMap<>(Map.of(
            PracticeType.GENERAL_PRACTITIONER, 0.7, PracticeType.SPECIALIST, 1.5, PracticeType.OTHER, 1.0));

    /** Non-users are asked too, and name each driver less often (an assumption too). */
    static final double DRIVERS_FACTOR_NON_USER = 0.6;

    /** How many tools a user names: one, two or three. */
    static final Weighted<Integer> TOOL_COUNT = Weighted.<Integer>builder().add(1, 0.55).add(2, 0.30).add(3, 0.15).build();

    /** Relative popularity by catalogue id; tools not listed weigh 1. */
    private static final Map<String, Double> TOOL_POPULARITY = Map.ofEntries(
            Map.entry("chatgpt", 40.0), Map.entry("doctolib", 8.0), Map.entry("nabla", 7.0),
            Map.entry("copilot", 6.0), Map.entry("gemini", 5.0), Map.entry("le-chat", 5.0),
            Map.entry("posos", 4.0), Map.entry("lifen", 4.0), Map.entry("synapse", 4.0), Map.entry("vidal", 4.0),
            Map.entry("perplexity", 3.0), Map.entry("claude", 3.0), Map.entry("openevidence", 3.0),
            Map.entry("uptodate", 3.0), Map.entry("dax-copilot", 2.0), Map.entry("therapixel", 2.0),
            Map.entry("gleamer", 2.0));
    private static final double IMAGING_BOOST_FOR_SPECIALISTS = 3.0;
    /** Share of tool entries written without a frequency. */
    static final double TOOL_WITHOUT_FREQUENCY = 0.10;

    private StudyCalibration() {
    }

    /**
     * Tool display names, weighted for a respondent of {@code type}, in catalogue id order: the
     * catalogue's own iteration order may change from one JVM run to the next, and draws depend on
     * the order.
     */
    static Weighted<String> tools(ToolCatalogue catalogue, PracticeType type) {
        Weighted.Builder<String> builder = Weighted.builder();
        for (ToolEntry entry : catalogue.entries().stream().sorted(Comparator.comparing(ToolEntry::id)).toList()) {
            double weight = TOOL_POPULARITY.getOrDefault(entry.id(), 1.0);
            if (type == PracticeType.SPECIALIST && "MEDICAL_IMAGING".equals(entry.category())) {
                weight *= IMAGING_BOOST_FOR_SPECIALISTS;
            }
            builder.add(entry.name(), weight);
        }
        return builder.build();
    }

    private static Weighted<UsageFrequency> usage(double... weights) {
        Weighted.Builder<UsageFrequency> builder = Weighted.builder();
        UsageFrequency[] frequencies = UsageFrequency.values();
        for (int i = 0; i < frequencies.length; i++) {
            builder.add(frequencies[i], weights[i]);
        }
        return builder.build();
    }

    private static Weighted<String> weighted(List<String> values) {
        Weighted.Builder<String> builder = Weighted.builder();
        values.forEach(v -> builder.add(v, 1));
        return builder.build();
    }

    /** Enum-ordered copy, so draws happen in the same order on every run. */
    private static <E extends Enum<E>> Map<E, Double> ordered(Map<E, Double> probabilities) {
        Map<E, Double> ordered = new LinkedHashMap<>();
        probabilities.keySet().stream().sorted().forEach(k -> ordered.put(k, probabilities.get(k)));
        return ordered;
    }
}
