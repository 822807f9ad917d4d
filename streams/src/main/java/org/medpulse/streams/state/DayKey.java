package org.medpulse.streams.state;

import java.time.LocalDate;


/**
 * Key of {@code usage-by-day}: {@code yyyy-MM-dd 0x00 wave 0x00 partner 0x00 practiceType 0x00 setting},
 * the day being the UTC day of {@code submittedAt}. ISO dates sort chronologically, so any span of
 * days is one range. The wave is part of the key because a respondent counts once per wave.
 */
public final class DayKey extends OrderedKey implements CellKeyed {

    // Each rolling answer asks each partition for its window's days: one instance per window (see Interned).
    private static final Interned<Days, KeyRange<DayKey>> DAYS = Interned.upTo(MAX_INTERNED_RANGES,
            days -> new KeyRange<>(new DayKey(rangeStart(days.from().toString())), new DayKey(rangeEnd(days.until().toString()))));

    private record Days(LocalDate from, LocalDate until) {
    }

    private DayKey(byte[] bytes) {
        super(bytes);
    }

    public static DayKey of(LocalDate day, String wave, Cell cell) {
        return new DayKey(encode(day.toString(), wave, cell.partner(), cell.practiceType().name(),
                cell.setting().name()));
    }

    public static DayKey fromBytes(byte[] bytes) {
        return new DayKey(bytes);
    }

    /** Every day from {@code from} to {@code until}, both included. */
    public static KeyRange<DayKey> ofDays(LocalDate from, LocalDate until) {
        return DAYS.get(new Days(from, until));
    }

    public LocalDate day() {
        return LocalDate.parse(component(0));
    }

    public String wave() {
        return component(1);
    }

    @Override
    public Cell cell() {
        return cellFrom(2);
    }
}
