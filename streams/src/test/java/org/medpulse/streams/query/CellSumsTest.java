package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;

class CellSumsTest {

    private static final Function<ToolKey, String> BY_TOOL = ToolKey::tool;
    // Partner ids as stored: two spellings of one partner (filters fold case and accents), and another.
    private static final List<String> PARTNERS = List.of("Acmé Panel", "acme panel", "Medica");
    private static final List<String> TOOLS = List.of("chatgpt", "nabla", "posos", "lifen");

    @Test
    void everyFiltersSumIsTheSumOfTheEntriesItMatches() {
        List<KeyValue<ToolKey, ToolCounts>> entries = entries(new Random(7), 400);

        CellSums<String, ToolCounts> sums = CellSums.of(entries, BY_TOOL);
        CellSums<Object, ToolCounts> whole = CellSums.of(entries, CellSums.ungrouped());

        for (SurveyFilter filter : filters()) {
            Map<String, ToolCounts> expected = new HashMap<>();
            ToolCounts total = ToolCounts.NONE;
            for (KeyValue<ToolKey, ToolCounts> entry : entries) {
                if (filter.matches(entry.key.cell())) {
                    expected.merge(entry.key.tool(), entry.value, ToolCounts::plus);
                    total = total.plus(entry.value);
                }
            }
            assertThat(sums.sums(filter)).as(filter.toString()).isEqualTo(expected);
            assertThat(whole.sum(filter, ToolCounts.NONE)).as(filter.toString()).isEqualTo(total);
        }
    }

    @Test
    void theSumsOfSeveralRangesMergedAreTheSumsOfTheirEntriesTogether() {
        Random random = new Random(13);
        List<List<KeyValue<ToolKey, ToolCounts>>> partitions = List.of(entries(random, 150), entries(random, 90),
                List.of(), entries(random, 5));
        List<KeyValue<ToolKey, ToolCounts>> all = new ArrayList<>();
        partitions.forEach(all::addAll);

        CellSums<String, ToolCounts> merged = CellSums.merged(partitions.stream().map(entries -> CellSums.of(entries, BY_TOOL)).toList());
        CellSums<String, ToolCounts> together = CellSums.of(all, BY_TOOL);
        CellSums<Object, ToolCounts> wholeMerged = CellSums.merged(partitions.stream()
                .map(entries -> CellSums.of(entries, CellSums.ungrouped())).toList());

        for (SurveyFilter filter : filters()) {
            assertThat(merged.sums(filter)).as(filter.toString()).isEqualTo(together.sums(filter));
            assertThat(merged.sums(filter)).as("merged once, then kept").isSameAs(merged.sums(filter));
            assertThat(wholeMerged.sum(filter, ToolCounts.NONE)).as(filter.toString())
                    .isEqualTo(CellSums.of(all, CellSums.ungrouped()).sum(filter, ToolCounts.NONE));
        }
    }

    @Test
    void aFilterThatKeepsNothingHasNoGroupsAndTheZeroSum() {
        List<KeyValue<ToolKey, ToolCounts>> entries = entries(new Random(11), 50);
        SurveyFilter nobody = SurveyFilter.of("Nobody", null, null);

        assertThat(CellSums.of(entries, BY_TOOL).sums(nobody)).isEmpty();
        assertThat(CellSums.of(entries, CellSums.ungrouped()).sum(nobody, ToolCounts.NONE)).isSameAs(ToolCounts.NONE);
        assertThat(CellSums.of(List.<KeyValue<ToolKey, ToolCounts>>of(), BY_TOOL).sums(SurveyFilter.all())).isEmpty();
    }

    // Every filter the API can be asked: each partner (as stored, in other cases, unknown), practice
    // type and setting, each also left open.
    private static List<SurveyFilter> filters() {
        List<String> partners = new ArrayList<>(Arrays.asList(null, "ACME PANEL", "acmé panel", " Medica ", "Nobody"));
        partners.addAll(PARTNERS);
        List<PracticeType> types = new ArrayList<>(Arrays.asList(PracticeType.values()));
        types.add(null);
        List<PracticeSetting> settings = new ArrayList<>(Arrays.asList(PracticeSetting.values()));
        settings.add(null);
        List<SurveyFilter> filters = new ArrayList<>();
        for (String partner : partners) {
            for (PracticeType type : types) {
                for (PracticeSetting setting : settings) {
                    filters.add(SurveyFilter.of(partner, type, setting));
                }
            }
        }
        return filters;
    }

    private static List<KeyValue<ToolKey, ToolCounts>> entries(Random random, int count) {
        Map<ToolKey, ToolCounts> entries = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Cell cell = new Cell(PARTNERS.get(random.nextInt(PARTNERS.size())),
                    PracticeType.values()[random.nextInt(PracticeType.values().length)],
                    PracticeSetting.values()[random.nextInt(PracticeSetting.values().length)]);
            ToolKey key = ToolKey.of("2025-06", TOOLS.get(random.nextInt(TOOLS.size())), cell);
            Count users = new Count(1 + random.nextInt(20), random.nextInt());
            entries.merge(key, new ToolCounts(users, new Count(users.n() / 2, random.nextInt())), ToolCounts::plus);
        }
        return entries.entrySet().stream().map(e -> KeyValue.pair(e.getKey(), e.getValue())).toList();
    }
}
