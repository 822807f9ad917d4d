package org.medpulse.streams.state;

import java.util.ArrayList;
import java.util.List;

/**
 * What one latest response adds to one aggregate: a value under a key. A response contributes to
 * its cell in {@code usage-by-wave}, {@code barriers-by-wave} and (when it was asked about them)
 * {@code drivers-by-wave}, to its day in
 * {@code usage-by-day}, and to each of its tools in {@code tools-by-wave}; when it stops being its
 * respondent's latest, the same contributions are taken back. ({@code waves} keeps first and last
 * submission times, which cannot be taken back: the topology maintains it apart.)
 */
public record Contribution<K extends OrderedKey, V extends Counts<V>>(Aggregate<K, V> store, K key, V value) {

    /** Every contribution of {@code response}, the latest response of a respondent of {@code partner} in {@code wave}. */
    public static List<Contribution<?, ?>> of(String wave, String partner, LatestResponse response) {
        return of(wave, partner, response, new ContributionKeys());
    }

    /** The same, with keys taken from (and added to) {@code known}. */
    public static List<Contribution<?, ?>> of(String wave, String partner, LatestResponse response, ContributionKeys known) {
        ContributionKeys.CellKeys keys = known.of(wave, response.cell(partner));
        CellKey cellKey = keys.key;
        UsageCounts usage = UsageCounts.of(response);
        List<Contribution<?, ?>> contributions = new ArrayList<>(4 + response.tools().size());
        contributions.add(new Contribution<>(SurveyStores.USAGE_BY_WAVE, cellKey, usage));
        contributions.add(new Contribution<>(SurveyStores.USAGE_BY_DAY, known.day(keys, response.day()), usage));
        contributions.add(new Contribution<>(SurveyStores.BARRIERS_BY_WAVE, cellKey, BarrierCounts.of(response)));
        if (response.driversAsked()) {
            contributions.add(new Contribution<>(SurveyStores.DRIVERS_BY_WAVE, cellKey, DriverCounts.of(response)));
        }
        for (ToolUse tool : response.tools()) {
            contributions.add(new Contribution<>(SurveyStores.TOOLS_BY_WAVE, known.tool(keys, tool.tool()),
                    ToolCounts.of(tool, response.recordKey())));
        }
        return contributions;
    }
}
