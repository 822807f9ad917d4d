package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

/**
 * {@link SubmittedAt} reads the digits itself, and leaves to the ISO formatters only what is out
 * of range: both readings must give the same instant or the same reason, whatever the fields.
 */
class SubmittedAtTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readingTheDigitsGivesWhatTheFormattersGive() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            String text = candidate(random);
            Matcher form = SubmittedAt.form(text);
            assertThat(form.matches()).as(text).isTrue();
            assertThat(SubmittedAt.parse(text, PARIS)).as(text)
                    .isEqualTo(SubmittedAt.parseWithFormatters(text, form, PARIS));
        }
    }

    @Test
    void outOfRangeFieldsAreExplainedByTheFormatters() {
        assertThat(SubmittedAt.parse("2025-06-31 09:30", PARIS).problem())
                .startsWith("'2025-06-31 09:30' is not a valid date and time: ");
        assertThat(SubmittedAt.parse("2025-06-14T24:00Z", PARIS).value()).isEmpty();
        assertThat(SubmittedAt.parse("2025-06-14T09:30+19:00", PARIS).problem())
                .startsWith("'2025-06-14T09:30+19:00' is not a valid date and time: ");
    }

    /** Text of the accepted form with fields in and out of range: days 00-39, hours 00-29, offsets up to ±19:59. */
    private static String candidate(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%04d-%02d-%02d", random.nextInt(1990, 2031), random.nextInt(0, 14),
                random.nextInt(0, 40)));
        text.append(random.nextBoolean() ? 'T' : ' ');
        text.append(String.format("%02d:%02d", random.nextInt(0, 30), random.nextInt(0, 65)));
        if (random.nextInt(4) > 0) {
            text.append(String.format(":%02d", random.nextInt(0, 65)));
            if (random.nextBoolean()) {
                text.append('.');
                for (int digits = random.nextInt(1, 10); digits > 0; digits--) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
        }
        switch (random.nextInt(3)) {
            case 0 -> text.append('Z');
            case 1 -> text.append(String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(0, 20),
                    random.nextInt(0, 60)));
            default -> { }
        }
        return text.toString();
    }
}
