package org.medpulse.streams.query.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PeerSealTest {

    private static final byte[] SECRET = "the-applications-peer-secret".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-05T12:00:00Z"), ZoneOffset.UTC);
    private static final String PATH = "/internal/v1/partitions/usage";
    private static final byte[] QUESTION = "{\"parameters\":{}}".getBytes(StandardCharsets.UTF_8);

    private final PeerSeal seal = PeerSeal.withSecret(SECRET, NOW);

    @Test
    void aSealedRequestOpensForThePathAndTimeItWasSealedFor() {
        PeerSeal.Sealed sealed = seal.sealRequest(PATH, QUESTION);

        assertThat(new String(sealed.body(), StandardCharsets.ISO_8859_1)).doesNotContain("parameters");
        assertThat(seal.openRequest(PATH, Long.toString(sealed.time()), sealed.body())).isEqualTo(QUESTION);
        assertThatThrownBy(() -> seal.openRequest("/internal/v1/partitions/waves", Long.toString(sealed.time()), sealed.body()))
                .isInstanceOf(PeerSeal.PeerSealException.class);
        assertThatThrownBy(() -> seal.openRequest(PATH, Long.toString(sealed.time() + 1), sealed.body()))
                .isInstanceOf(PeerSeal.PeerSealException.class);
    }

    @Test
    void anotherSecretATamperedBodyOrNoTimeNeverOpens() {
        PeerSeal.Sealed sealed = PeerSeal.withSecret("some-other-applications-secret".getBytes(StandardCharsets.UTF_8), NOW)
                .sealRequest(PATH, QUESTION);
        assertThatThrownBy(() -> seal.openRequest(PATH, Long.toString(sealed.time()), sealed.body()))
                .isInstanceOf(PeerSeal.PeerSealException.class);

        PeerSeal.Sealed mine = seal.sealRequest(PATH, QUESTION);
        byte[] tampered = mine.body().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> seal.openRequest(PATH, Long.toString(mine.time()), tampered))
                .isInstanceOf(PeerSeal.PeerSealException.class);
        assertThatThrownBy(() -> seal.openRequest(PATH, null, mine.body())).isInstanceOf(PeerSeal.PeerSealException.class);
        assertThatThrownBy(() -> seal.openRequest(PATH, "soon", mine.body())).isInstanceOf(PeerSeal.PeerSealException.class);
        assertThatThrownBy(() -> seal.openRequest(PATH, "0", new byte[3])).isInstanceOf(PeerSeal.PeerSealException.class);
    }

    @Test
    void aRequestSealedOutsideTheWindowIsRefused() {
        PeerSeal late = PeerSeal.withSecret(SECRET, Clock.offset(NOW, PeerSeal.WINDOW.plusSeconds(1)));
        PeerSeal.Sealed sealed = seal.sealRequest(PATH, QUESTION);

        assertThatThrownBy(() -> late.openRequest(PATH, Long.toString(sealed.time()), sealed.body()))
                .isInstanceOf(PeerSeal.PeerSealException.class).hasMessageContaining("window");
    }

    @Test
    void anAnswerOpensOnlyAsTheAnswerToItsOwnRequest() {
        PeerSeal.Sealed request = seal.sealRequest(PATH, QUESTION);
        PeerSeal.Sealed other = seal.sealRequest(PATH, QUESTION);
        byte[] answer = "{\"partitions\":{}}".getBytes(StandardCharsets.UTF_8);

        byte[] sealedAnswer = seal.sealAnswer(request.body(), answer);

        assertThat(seal.openAnswer(request.body(), sealedAnswer)).isEqualTo(answer);
        assertThatThrownBy(() -> seal.openAnswer(other.body(), sealedAnswer)).isInstanceOf(PeerSeal.PeerSealException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> PeerSeal.withSecret(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThat(seal.toString()).doesNotContain("secret-");
    }
}
