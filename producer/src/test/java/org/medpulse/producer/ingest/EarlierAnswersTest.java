package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EarlierAnswersTest {

    @Test
    void answersAreFoundAlikeBeforeAndAfterTheyMoveToDiskAndTheStoreIsDeletedOnClose() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (EarlierAnswers answers = new EarlierAnswers(100, 10_000)) {
            for (int i = 0; i < 100; i++) {
                assertThat(answers.first("key-" + i, i + 2, a)).isNull();
            }
            assertThat(answers.spilled()).isFalse();
            assertThat(answers.first("key-7", 500, b)).isEqualTo(new EarlierAnswers.Earlier(9, a));
            for (int i = 100; i < 1000; i++) {
                assertThat(answers.first("key-" + i, i + 2, b)).isNull();
            }
            assertThat(answers.spilled()).isTrue();
            assertThat(answers.first("key-7", 1500, b)).isEqualTo(new EarlierAnswers.Earlier(9, a));
            assertThat(answers.first("key-999", 1501, a)).isEqualTo(new EarlierAnswers.Earlier(1001, b));
            assertThat(answers.first("key-1000", 1502, a)).isNull();
            assertThat(answers.first("key-1000", 1503, b)).isEqualTo(new EarlierAnswers.Earlier(1502, a));
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("medpulse-answers-"))).isEmpty();
        }
    }

    @Test
    void answersStayExactWhenTheFilterInFrontOfTheStoreIsFarPastItsSize() throws Exception {
        // A filter sized for 10 keys, given 5,000: it answers "maybe" for nearly everything, so the
        // store is looked up, and every answer is still exact.
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (EarlierAnswers answers = new EarlierAnswers(10, 10)) {
            for (int i = 0; i < 5_000; i++) {
                assertThat(answers.first("key-" + i, i + 2, a)).as("key-%d, first", i).isNull();
            }
            for (int i = 0; i < 5_000; i++) {
                assertThat(answers.first("key-" + i, 10_000 + i, b)).as("key-%d, again", i)
                        .isEqualTo(new EarlierAnswers.Earlier(i + 2, a));
            }
            assertThat(answers.first("key-5000", 20_000, b)).isNull();
        }
    }
}
