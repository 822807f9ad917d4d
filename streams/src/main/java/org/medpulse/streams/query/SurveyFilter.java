package org.medpulse.streams.query;

import java.util.Objects;
import java.util.Optional;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.schemas.vocabulary.Folding;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.Interned;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which cells a question covers: each criterion is optional and an absent one matches every cell.
 * The partner matches case- and accent-insensitively, like the vocabularies at ingestion, so
 * {@code ?partner=ACME} finds the cells of partner {@code acme}. Immutable.
 */
public final class SurveyFilter {

    private static final SurveyFilter ALL = new SurveyFilter(null, null, null);
    // Partners are a handful, and answers match every stored cell against the filter.
    private static final Interned<String, String> PARTNER_KEYS =
            Interned.upTo(10_000, partnerId -> Folding.foldAccentsAndCase(partnerId.trim()));
    // One instance per spelling: the sums remembered per filter (see CellSums) are then found by
    // identity, several lookups per partition and answer, without reading the filter they hold.
    private static final Interned<Criteria, SurveyFilter> FILTERS = Interned.upTo(10_000,
            criteria -> new SurveyFilter(criteria.partner(), criteria.practiceType(), criteria.setting()));

    private final String partner;
    private final String partnerKey;
    private final PracticeType practiceType;
    private final PracticeSetting setting;
    // Filters are looked up by value where sums are remembered (see CellSums), several per answer.
    private final int hash;
    // The last partner id this filter judged, and how: an answer scans keys partner by partner, and
    // scanned keys share one instance per partner id (see OrderedKey), so most cells need no lookup.
    // Racy by design: the record is immutable, and a thread that misses it only looks up again.
    private PartnerMatch lastPartner;

    private record PartnerMatch(String partnerId, boolean matches) {
    }

    private record Criteria(String partner, PracticeType practiceType, PracticeSetting setting) {
    }

    private SurveyFilter(String partner, PracticeType practiceType, PracticeSetting setting) {
        this.partner = partner == null ? null : partner.trim();
        this.partnerKey = partner == null ? null : partnerKey(partner);
        this.practiceType = practiceType;
        this.setting = setting;
        this.hash = Objects.hash(partnerKey, practiceType, setting);
    }

    /** The filter that matches every cell. */
    public static SurveyFilter all() {
        return ALL;
    }

    /**
     * The eight filters that keep {@code cell} and say nothing else: each criterion the cell's own or
     * left open. Whatever a filter keeps is summed into exactly these (see {@link CellSums}).
     */
    public static SurveyFilter[] keeping(Cell cell) {
        SurveyFilter[] keeping = new SurveyFilter[8];
        int i = 0;
        for (String partner : new String[] {cell.partner(), null}) {
            for (PracticeType practiceType : new PracticeType[] {cell.practiceType(), null}) {
                for (PracticeSetting setting : new PracticeSetting[] {cell.setting(), null}) {
                    keeping[i++] = of(partner, practiceType, setting);
                }
            }
        }
        return keeping;
    }

    /** A filter on the given criteria; {@code null} leaves a criterion open. */
    @JsonCreator
    public static SurveyFilter of(@JsonProperty("partner") String partner,
                                  @JsonProperty("practiceType") PracticeType practiceType,
                                  @JsonProperty("setting") PracticeSetting setting) {
        if (partner == null && practiceType == null && setting == null) {
            return ALL;
        }
        return FILTERS.get(new Criteria(partner == null ? null : partner.trim(), practiceType, setting));
    }

    public SurveyFilter withPartner(String partner) {
        return of(partner, practiceType, setting);
    }

    public SurveyFilter withPracticeType(PracticeType practiceType) {
        return of(partner, practiceType, setting);
    }

    public SurveyFilter withSetting(PracticeSetting setting) {
        return of(partner, practiceType, setting);
    }

    /** The partner as asked for (trimmed), not folded. */
    @JsonIgnore
    public Optional<String> partner() {
        return Optional.ofNullable(partner);
    }

    @JsonIgnore
    public Optional<PracticeType> practiceType() {
        return Optional.ofNullable(practiceType);
    }

    @JsonIgnore
    public Optional<PracticeSetting> setting() {
        return Optional.ofNullable(setting);
    }

    // How the filter travels to other instances: the criteria, null when open.
    @JsonProperty("partner")
    private String partnerOrNull() {
        return partner;
    }

    @JsonProperty("practiceType")
    private PracticeType practiceTypeOrNull() {
        return practiceType;
    }

    @JsonProperty("setting")
    private PracticeSetting settingOrNull() {
        return setting;
    }

    @JsonIgnore
    public boolean matchesEverything() {
        return partner == null && practiceType == null && setting == null;
    }

    public boolean matches(Cell cell) {
        return matches(cell.partner(), cell.practiceType(), cell.setting());
    }

    public boolean matches(String partnerId, PracticeType cellPracticeType, PracticeSetting cellSetting) {
        return (practiceType == null || practiceType == cellPracticeType)
                && (setting == null || setting == cellSetting)
                && (partnerKey == null || matchesPartner(partnerId));
    }

    private boolean matchesPartner(String partnerId) {
        PartnerMatch last = lastPartner;
        if (last != null && last.partnerId() == partnerId) {
            return last.matches();
        }
        boolean matches = partnerKey.equals(partnerKey(partnerId));
        lastPartner = new PartnerMatch(partnerId, matches);
        return matches;
    }

    private static String partnerKey(String partnerId) {
        return PARTNER_KEYS.get(partnerId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurveyFilter other
                && Objects.equals(partnerKey, other.partnerKey)
                && practiceType == other.practiceType
                && setting == other.setting;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "SurveyFilter{partner=" + partner + ", practiceType=" + practiceType + ", setting=" + setting + '}';
    }
}
