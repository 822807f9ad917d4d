package org.medpulse.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class DeadLetterSelectionTest {

    static final DeadLetter CORRUPT_AT_2 = DeadLetter.of(DeadLetterRecords.corrupt(2, "acme/r-2"));
    static final DeadLetter UNKNOWN_SCHEMA_AT_5 = DeadLetter.of(DeadLetterRecords.unknownSchema(5, "acme/r-5"));
    static final DeadLetter INVALID_AT_9 = DeadLetter.of(DeadLetterRecords.invalid(9, "acme/ "));

    @Test
    void allSelectsEverything() {
        DeadLetterSelection all = DeadLetterSelection.all();
        assertThat(all.isAll()).isTrue();
        assertThat(all.matches(CORRUPT_AT_2) && all.matches(UNKNOWN_SCHEMA_AT_5) && all.matches(INVALID_AT_9)).isTrue();
        assertThat(all.describe()).isEqualTo("every dead letter");
        assertThat(all.between(null, null).isAll()).isTrue();
    }

    @Test
    void everyCriterionGivenMustHold() {
        DeadLetterSelection serialization = DeadLetterSelection.all().withReason("unreadablesurvey");
        assertThat(serialization.matches(CORRUPT_AT_2)).isTrue();
        assertThat(serialization.matches(UNKNOWN_SCHEMA_AT_5)).isTrue();
        assertThat(serialization.matches(INVALID_AT_9)).isFalse();

        DeadLetterSelection fromThree = serialization.between(3L, null);
        assertThat(fromThree.matches(CORRUPT_AT_2)).isFalse();
        assertThat(fromThree.matches(UNKNOWN_SCHEMA_AT_5)).isTrue();
        assertThat(fromThree.describe()).isEqualTo("reason containing 'unreadablesurvey', offsets 3 to the end");

        DeadLetterSelection named = DeadLetterSelection.all().withIds(Set.of(new DeadLetterId(0, 9), new DeadLetterId(0, 2)));
        assertThat(named.matches(CORRUPT_AT_2)).isTrue();
        assertThat(named.matches(UNKNOWN_SCHEMA_AT_5)).isFalse();
        assertThat(named.matches(INVALID_AT_9)).isTrue();
        assertThat(named.describe()).isEqualTo("offsets 2, 9");
        assertThat(named.isAll()).isFalse();
    }

    @Test
    void theRangeIsInclusiveAndBoundsWhereReadingStartsAndStops() {
        DeadLetterSelection range = DeadLetterSelection.all().between(2L, 5L);
        assertThat(range.matches(CORRUPT_AT_2)).isTrue();
        assertThat(range.matches(UNKNOWN_SCHEMA_AT_5)).isTrue();
        assertThat(range.matches(INVALID_AT_9)).isFalse();
        assertThat(range.firstOffset(0)).isEqualTo(2);
        assertThat(range.lastOffset(0)).isEqualTo(5);

        DeadLetterSelection named = DeadLetterSelection.all().withIds(Set.of(new DeadLetterId(0, 4), new DeadLetterId(0, 7),
                new DeadLetterId(1, 3)));
        assertThat(named.firstOffset(0)).isEqualTo(4);
        assertThat(named.lastOffset(0)).isEqualTo(7);
        assertThat(named.firstOffset(1)).isEqualTo(3);
        assertThat(named.firstOffset(2)).isGreaterThan(named.lastOffset(2));
    }

    @Test
    void impossibleSelectionsAreRefused() {
        assertThatThrownBy(() -> DeadLetterSelection.all().between(5L, 4L))
                .hasMessage("--from-offset 5 is after --to-offset 4");
        assertThatThrownBy(() -> DeadLetterSelection.all().between(-1L, null)).hasMessage("offsets cannot be negative");
        assertThatThrownBy(() -> DeadLetterSelection.all().withReason(" ")).hasMessage("the reason to look for is empty");
        assertThatThrownBy(() -> DeadLetterSelection.all().withIds(Set.of())).hasMessage("no dead letter named");
    }
}
