package org.medpulse.streams.api.survey;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * A question the product does not have, declared only in test code to show the extension point:
 * how many respondents each partner has in a wave. Its declaration, its answer's shape and its
 * route are all there is to it; the router, the peer protocol and the cache serve it unchanged.
 */
public record RespondentsByPartnerQuestion(String wave) implements Question<InWave<RespondentsByPartnerQuestion.Partners>,
        RespondentsByPartnerQuestion.Report> {

    public static final QuestionType<RespondentsByPartnerQuestion> TYPE = QuestionType.of("respondents-by-partner",
            RespondentsByPartnerQuestion.class, new TypeReference<InWave<Partners>>() { });

    public static final ApiRoute ROUTE = ApiRoute.question("/api/v1/waves/{wave}/respondents-by-partner",
            List.of(QueryParameters.ALLOW_STALE),
            TYPE, request -> new RespondentsByPartnerQuestion(request.wave()));

    public RespondentsByPartnerQuestion {
        Objects.requireNonNull(wave, "wave");
    }

    /** Respondents per partner, summed over cells and partitions. */
    public record Partners(SortedMap<String, Long> respondents) implements Mergeable<Partners> {
        public Partners {
            respondents = new TreeMap<>(respondents);
        }

        @Override
        public Partners plus(Partners other) {
            SortedMap<String, Long> sum = new TreeMap<>(respondents);
            other.respondents.forEach((partner, count) -> sum.merge(partner, count, Long::sum));
            return new Partners(sum);
        }
    }

    /** The answer: {@code {"wave":…,"partners":{"acme":40,…}}}. */
    public record Report(String wave, SortedMap<String, Long> partners) {
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public InWave<Partners> read(PartitionStores partition) {
        return InWave.read(partition, wave, stores -> {
            SortedMap<String, Long> respondents = new TreeMap<>();
            for (KeyValue<CellKey, UsageCounts> cell : stores.scan(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave))) {
                respondents.merge(cell.key.cell().partner(), cell.value.respondents(), Long::sum);
            }
            return new Partners(respondents);
        });
    }

    @Override
    public QueryResult<Report> answer(InWave<Partners> merged, AnswerContext context) {
        return merged.known(wave).map(partners -> new Report(wave, partners.respondents()));
    }
}
