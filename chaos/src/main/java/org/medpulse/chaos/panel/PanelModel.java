package org.medpulse.chaos.panel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;

/**
 * What the API must answer once every delivery of the game day has been processed, worked out
 * from the deliveries alone, knowing nothing of the streams application: for each respondent and
 * wave the latest response (latest {@code submittedAt}, ties to the larger response id; a
 * redelivery or an older answer changes nothing), then everything counted from scratch.
 */
public final class PanelModel {

    private final ToolCatalogue catalogue = ToolCatalogue.builtIn();
    private final Map<String, Latest> latest = new HashMap<>();
    private long accepted;

    /**
     * The latest response of one respondent in one wave, reduced to what the API counts;
     * {@code drivers} null when the respondent was not asked about market drivers (schema v1).
     */
    record Latest(String wave, String partner, long submittedAt, String responseId, PracticeType practiceType,
            PracticeSetting setting, UsageFrequency usage, Set<UseCase> useCases, Set<UseCase> expected,
            Set<Barrier> barriers, Map<String, Boolean> tools, Set<MarketDriver> drivers) {

        boolean isSupersededBy(long otherSubmittedAt, String otherResponseId) {
            return otherSubmittedAt != submittedAt ? otherSubmittedAt > submittedAt
                    : otherResponseId.compareTo(responseId) > 0;
        }
    }

    /** A delivery that was (or will be) published. */
    public void accept(SurveyResponse response) {
        accepted++;
        String id = response.getWaveId() + '\u001f' + response.getPartnerId() + '\u001f' + response.getRespondentId();
        long at = response.getSubmittedAt().toEpochMilli();
        Latest current = latest.get(id);
        if (current == null || current.isSupersededBy(at, response.getResponseId())) {
            latest.put(id, reduce(response, at));
        }
    }

    public long accepted() {
        return accepted;
    }

    private Latest reduce(SurveyResponse r, long at) {
        Map<String, Boolean> tools = new TreeMap<>();
        for (ToolUsage usage : r.getTools()) {
            ToolEntry entry = catalogue.resolve(usage.getTool());
            if (!entry.id().isEmpty()) {
                boolean regular = usage.getFrequency() != null && Tally.REGULAR.contains(usage.getFrequency());
                tools.merge(entry.id(), regular, Boolean::logicalOr);
            }
        }
        return new Latest(r.getWaveId(), r.getPartnerId(), at, r.getResponseId(), r.getPracticeType(), r.getSetting(),
                r.getUsageFrequency(), enumSet(r.getUseCases(), UseCase.class), enumSet(r.getExpectedFutureUseCases(), UseCase.class),
                enumSet(r.getBarriers(), Barrier.class), Collections.unmodifiableMap(tools),
                r.getMarketDrivers() == null ? null : enumSet(r.getMarketDrivers(), MarketDriver.class));
    }

    private static <E extends Enum<E>> Set<E> enumSet(List<E> values, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        set.addAll(values);
        return Collections.unmodifiableSet(set);
    }

    /** The totals of everything accepted so far. */
    public Expected expected() {
        Map<Cell, Tally> cells = new TreeMap<>();
        Map<String, long[]> waves = new TreeMap<>();
        Map<LocalDate, Tally> days = new TreeMap<>();
        for (Latest r : latest.values()) {
            cells.computeIfAbsent(new Cell(r.wave(), r.partner(), r.practiceType(), r.setting()), c -> new Tally()).add(r);
            days.computeIfAbsent(Instant.ofEpochMilli(r.submittedAt()).atZone(ZoneOffset.UTC).toLocalDate(),
                    d -> new Tally()).add(r);
            long[] wave = waves.computeIfAbsent(r.wave(), w -> new long[]{0, Long.MAX_VALUE, Long.MIN_VALUE});
            wave[0]++;
            wave[1] = Math.min(wave[1], r.submittedAt());
            wave[2] = Math.max(wave[2], r.submittedAt());
        }
        SortedMap<String, WaveSummary> summaries = new TreeMap<>();
        waves.forEach((wave, w) -> summaries.put(wave, new WaveSummary(w[0], Instant.ofEpochMilli(w[1]),
                Instant.ofEpochMilli(w[2]))));
        return new Expected(Collections.unmodifiableMap(cells), Collections.unmodifiableSortedMap(summaries),
                Collections.unmodifiableMap(days));
    }

    /** The finest group the API can be asked about: a wave, a partner, a practice type, a setting. */
    public record Cell(String wave, String partner, PracticeType practiceType, PracticeSetting setting)
            implements Comparable<Cell> {

        @Override
        public int compareTo(Cell o) {
            int c = wave.compareTo(o.wave);
            c = c != 0 ? c : partner.compareTo(o.partner);
            c = c != 0 ? c : practiceType.compareTo(o.practiceType);
            return c != 0 ? c : setting.compareTo(o.setting);
        }
    }

    public record WaveSummary(long respondents, Instant firstSubmittedAt, Instant lastSubmittedAt) {
    }

    /** The expected totals, by cell, by wave and by UTC day. */
    public record Expected(Map<Cell, Tally> cells, SortedMap<String, WaveSummary> waves, Map<LocalDate, Tally> days) {

        public Tally cell(Cell cell) {
            return cells.getOrDefault(cell, new Tally());
        }

        public Tally wave(String wave) {
            Tally sum = new Tally();
            cells.forEach((cell, tally) -> {
                if (cell.wave().equals(wave)) {
                    sum.addAll(tally);
                }
            });
            return sum;
        }

        /** Every response whose latest answer was submitted on a UTC day from {@code from} to {@code until}, both included. */
        public Tally days(LocalDate from, LocalDate until) {
            Tally sum = new Tally();
            days.forEach((day, tally) -> {
                if (!day.isBefore(from) && !day.isAfter(until)) {
                    sum.addAll(tally);
                }
            });
            return sum;
        }

        public Set<String> partners() {
            Set<String> partners = new java.util.TreeSet<>();
            cells.keySet().forEach(cell -> partners.add(cell.partner()));
            return partners;
        }

        public long respondents() {
            return waves.values().stream().mapToLong(WaveSummary::respondents).sum();
        }
    }
}
