package org.medpulse.streams.query;

import java.util.Objects;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;

/**
 * The finest grain the stores aggregate at within a wave or a day: one partner, one practice type,
 * one setting. Every question is answered by summing the cells a {@link SurveyFilter} matches.
 */
public record SurveyCell(String partnerId, PracticeType practiceType, PracticeSetting setting) {

    public SurveyCell {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(practiceType, "practiceType");
        Objects.requireNonNull(setting, "setting");
    }
}
