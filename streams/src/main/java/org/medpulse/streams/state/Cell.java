package org.medpulse.streams.state;

import java.util.Objects;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;

/** The unit every aggregate is broken down by: a partner's respondents of one practice type and setting. */
public record Cell(String partner, PracticeType practiceType, PracticeSetting setting) {

    public Cell {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(practiceType, "practiceType");
        Objects.requireNonNull(setting, "setting");
    }
}
