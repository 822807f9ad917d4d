package org.medpulse.streams.query.report;

import org.medpulse.streams.query.SurveyFilter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The filter a result was computed for, {@code null} for an open criterion. Practice type and
 * setting are echoed as the symbols they matched ({@code MG} → {@code GENERAL_PRACTITIONER}), so a
 * reader sees how the request was understood; the partner is echoed as asked.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"partner", "practiceType", "setting"})
public record FilterEcho(String partner, String practiceType, String setting) {

    public static FilterEcho of(SurveyFilter filter) {
        return new FilterEcho(filter.partner().orElse(null),
                filter.practiceType().map(Enum::name).orElse(null),
                filter.setting().map(Enum::name).orElse(null));
    }
}
