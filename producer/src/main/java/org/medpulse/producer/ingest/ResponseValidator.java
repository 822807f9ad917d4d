package org.medpulse.producer.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.WaveId;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.vocabulary.Folding;
import org.medpulse.schemas.vocabulary.SymbolMatcher;
import org.medpulse.schemas.vocabulary.Vocabulary;

/**
 * Turns a partner row into a {@link SurveyResponse} or a {@link Reject} naming the first column at
 * fault (columns are checked in the contract's order). The rules are the partner-facing contract:
 * values trimmed, lengths in code points, symbols and aliases matched case- and accent-insensitively,
 * unknown symbols refused (never mapped to {@code OTHER}), lists de-duplicated, a tool listed twice
 * kept once with its most frequent frequency.
 */
public final class ResponseValidator {

    static final int MAX_RESPONDENT_ID_LENGTH = 128;
    /**
     * Tool names whose key is remembered: a file names a few dozen tools a million times, and
     * resolving a name in the catalogue (folding, regular expressions) was a tenth of validating a
     * row. Bounded, so that a file of ever new names costs no more memory than this.
     */
    static final int TOOL_KEYS_KEPT = 4096;
    private final IngestRules rules;
    private final ToolCatalogue catalogue;
    private final Map<String, String> toolKeys = new ConcurrentHashMap<>();
    /** The wave id last found valid (a string: safe to share between threads without locking). */
    private String lastValidWave;

    private ResponseValidator(IngestRules rules, ToolCatalogue catalogue) {
        this.rules = rules;
        this.catalogue = catalogue;
    }

    public static ResponseValidator of(IngestRules rules) {
        return new ResponseValidator(rules, BuiltInCatalogue.INSTANCE);
    }

    /** Loaded once, on first use. */
    private static final class BuiltInCatalogue {
        static final ToolCatalogue INSTANCE = ToolCatalogue.builtIn();
    }

    public IngestRules rules() {
        return rules;
    }

    public RowOutcome validate(SourceRow row) {
        try {
            SurveyResponse response = toResponse(row);
            boolean idDerived = response.getResponseId().isEmpty();
            UUID content = ResponseIds.contentId(response);
            if (idDerived) {
                response.setResponseId(content.toString());
            }
            return new ValidRow(row.line(), response, row.raw(), idDerived, content);
        } catch (FieldProblem problem) {
            return new Reject(row.line(), problem.column.headerName(), problem.getMessage(), row.raw());
        }
    }

    private SurveyResponse toResponse(SourceRow row) {
        String respondentId = required(row, Column.RESPONDENT_ID);
        int length = respondentId.codePointCount(0, respondentId.length());
        if (length > MAX_RESPONDENT_ID_LENGTH) {
            throw new FieldProblem(Column.RESPONDENT_ID, "respondent id is " + length
                    + " characters long; at most " + MAX_RESPONDENT_ID_LENGTH + " are allowed");
        }
        String wave = required(row, Column.WAVE);
        if (!wave.equals(lastValidWave)) { // a file is mostly of one wave: its id checked once
            WaveId.problem(wave).ifPresent(problem -> {
                throw new FieldProblem(Column.WAVE, problem);
            });
            lastValidWave = wave;
        }
        Instant submittedAt = submittedAt(required(row, Column.SUBMITTED_AT));
        PracticeType practiceType = symbol(Column.PRACTICE_TYPE, required(row, Column.PRACTICE_TYPE),
                Vocabulary.PRACTICE_TYPE, "practice type");
        String specialty = optional(row, Column.SPECIALTY);
        String settingText = optional(row, Column.SETTING);
        PracticeSetting setting = settingText == null
                ? PracticeSetting.OTHER
                : symbol(Column.SETTING, settingText, Vocabulary.SETTING, "setting");
        String region = optional(row, Column.REGION);
        UsageFrequency usage = symbol(Column.USAGE_FREQUENCY, required(row, Column.USAGE_FREQUENCY),
                Vocabulary.USAGE_FREQUENCY, "usage frequency");
        List<UseCase> useCases = symbols(row, Column.USE_CASES, Vocabulary.USE_CASE, "use case");
        List<Barrier> barriers = symbols(row, Column.BARRIERS, Vocabulary.BARRIER, "barrier");
        List<UseCase> futureUseCases = symbols(row, Column.FUTURE_USE_CASES, Vocabulary.USE_CASE, "use case");
        List<ToolUsage> tools = tools(row);
        List<MarketDriver> marketDrivers = marketDrivers(row);
        String responseId = optional(row, Column.RESPONSE_ID);
        SurveyResponse response = SurveyResponse.newBuilder()
                .setResponseId(responseId == null ? "" : responseId)
                .setPartnerId(rules.partnerId())
                .setRespondentId(respondentId)
                .setWaveId(wave)
                .setSubmittedAt(submittedAt)
                .setPracticeType(practiceType)
                .setSpecialty(specialty)
                .setSetting(setting)
                .setRegion(region)
                .setUsageFrequency(usage)
                .setUseCases(useCases)
                .setBarriers(barriers)
                .setTools(tools)
                .setExpectedFutureUseCases(futureUseCases)
                .setMarketDrivers(marketDrivers)
                .build();
        // Without a response id of its own, the response gets its content id (in validate, which
        // computes that id for every row anyway).
        return response;
    }

    private Instant submittedAt(String text) {
        SubmittedAt.Parsed parsed = SubmittedAt.parse(text, rules.zone());
        Instant instant = parsed.value()
                .orElseThrow(() -> new FieldProblem(Column.SUBMITTED_AT, parsed.problem()));
        if (instant.isAfter(rules.latestSubmission())) {
            throw new FieldProblem(Column.SUBMITTED_AT, "'" + text + "' (" + instant
                    + ") is more than 24 h after the start of ingestion (" + rules.startedAt() + ")");
        }
        return instant;
    }

    private static <E extends Enum<E>> E symbol(Column column, String text, SymbolMatcher<E> matcher, String what) {
        return matcher.match(text).orElseThrow(() -> new FieldProblem(column,
                "unknown " + what + " '" + text + "'; expected " + matcher.describeAccepted()));
    }

    private static <E extends Enum<E>> List<E> symbols(SourceRow row, Column column, SymbolMatcher<E> matcher,
            String what) {
        List<String> items = items(row, column);
        List<E> values = new ArrayList<>(items.size());
        for (String item : items) {
            E value = symbol(column, item, matcher, what);
            if (!values.contains(value)) { // a list of a few symbols: cheaper than a set
                values.add(value);
            }
        }
        return values;
    }

    /**
     * The market drivers named, or null when the row has no {@code market_drivers} value at all (a
     * file without the column, a JSON Lines record without the field or with {@code null}): not
     * asked. Present but empty is asked, none named.
     */
    private static List<MarketDriver> marketDrivers(SourceRow row) {
        if (row.cell(Column.MARKET_DRIVERS).isEmpty()) {
            return null;
        }
        return symbols(row, Column.MARKET_DRIVERS, Vocabulary.MARKET_DRIVER, "market driver");
    }

    private List<ToolUsage> tools(SourceRow row) {
        List<ToolText> entries = new ArrayList<>();
        Cell cell = row.cell(Column.TOOLS).orElse(null);
        if (cell instanceof Cell.Tools tools) {
            entries.addAll(tools.tools());
        } else {
            items(row, Column.TOOLS).forEach(item -> entries.add(ToolText.parse(item)));
        }
        Map<String, ToolUsage> byTool = new LinkedHashMap<>();
        for (ToolText entry : entries) {
            if (trimmed(entry.asWritten()) == null) {
                continue;
            }
            String name = trimmed(entry.name());
            String frequencyText = trimmed(entry.frequency());
            if (name == null) {
                throw new FieldProblem(Column.TOOLS, "tool entry '" + entry.asWritten().trim() + "' has no tool name");
            }
            UsageFrequency frequency = frequencyText == null ? null : Vocabulary.USAGE_FREQUENCY.match(frequencyText)
                    .orElseThrow(() -> new FieldProblem(Column.TOOLS, "unknown usage frequency '" + frequencyText
                            + "' for tool '" + name + "'; expected " + Vocabulary.USAGE_FREQUENCY.describeAccepted()));
            byTool.merge(toolKey(name), new ToolUsage(name, frequency), ResponseValidator::moreFrequent);
        }
        return new ArrayList<>(byTool.values());
    }

    /** Two spellings of one catalogue tool ({@code ChatGPT}, {@code chat gpt}) are the same tool. */
    private String toolKey(String name) {
        String key = toolKeys.get(name);
        if (key == null) {
            String id = catalogue.resolve(name).id();
            key = id.isEmpty() ? Folding.foldAccentsAndCase(name) : id;
            if (toolKeys.size() < TOOL_KEYS_KEPT) {
                toolKeys.put(name, key);
            }
        }
        return key;
    }

    /** Keeps the first spelling, with the higher of the two frequencies (none counts lowest). */
    private static ToolUsage moreFrequent(ToolUsage first, ToolUsage second) {
        UsageFrequency a = first.getFrequency();
        UsageFrequency b = second.getFrequency();
        UsageFrequency max = a == null ? b : b == null ? a : (a.compareTo(b) >= 0 ? a : b);
        return new ToolUsage(first.getTool(), max);
    }

    /** The non-empty, trimmed items of a list column: {@code A||B} gives A and B. */
    private static List<String> items(SourceRow row, Column column) {
        Cell cell = row.cell(column).orElse(null);
        List<String> raw;
        if (cell == null) {
            return List.of();
        } else if (cell instanceof Cell.Text text) {
            raw = splitAtBars(text.value());
        } else if (cell instanceof Cell.Items items) {
            raw = items.values();
        } else {
            throw new FieldProblem(column, "expected a list of values, found tool objects");
        }
        List<String> values = new ArrayList<>(raw.size());
        for (String item : raw) {
            String value = trimmed(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** {@code A||B} gives A, "" and B: every item, empty ones included. */
    private static List<String> splitAtBars(String text) {
        List<String> items = new ArrayList<>(8);
        int start = 0;
        for (int bar = text.indexOf('|'); bar >= 0; bar = text.indexOf('|', start)) {
            items.add(text.substring(start, bar));
            start = bar + 1;
        }
        items.add(text.substring(start));
        return items;
    }

    private static String required(SourceRow row, Column column) {
        String value = optional(row, column);
        if (value == null) {
            throw new FieldProblem(column, "required value is missing");
        }
        return value;
    }

    /** The trimmed text of a single-value column, or null when absent or whitespace only. */
    private static String optional(SourceRow row, Column column) {
        Cell cell = row.cell(column).orElse(null);
        if (cell == null) {
            return null;
        }
        if (cell instanceof Cell.Text text) {
            return trimmed(text.value());
        }
        throw new FieldProblem(column, "expected a single value, found a list");
    }

    /**
     * Trimmed, or null when nothing is left. Non-breaking spaces count as white space: spreadsheet
     * exports are full of them.
     */
    static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isBlank(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return start == end ? null : value.substring(start, end);
    }

    private static boolean isBlank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** Why a row is rejected; thrown and caught inside this class only, for a linear validation. */
    private static final class FieldProblem extends RuntimeException {
        private final Column column;

        FieldProblem(Column column, String reason) {
            super(reason, null, false, false);
            this.column = column;
        }
    }
}
