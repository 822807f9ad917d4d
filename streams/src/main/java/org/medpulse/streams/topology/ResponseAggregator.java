package org.medpulse.streams.topology;

import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.streams.errors.InvalidSurveyResponseException;
import org.medpulse.streams.state.LatestKey;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.RecordKeys;
import org.medpulse.streams.state.SurveyStores;

/**
 * Applies each response to the stores of its partition: it counts only if it supersedes the
 * respondent's latest response in the wave (later {@code submittedAt}, then larger
 * {@code responseId}); a redelivery or an older response changes nothing. Everything happens in
 * the partition the response arrived in, so no response crosses a repartition topic.
 */
final class ResponseAggregator implements Processor<String, byte[], Void, Void> {

    private final CatalogueVersion catalogueVersion;
    private final RecordKeys recordKeys;
    private final ResponseDecoder decoder;
    private final LiveCommits liveCommits;
    private ProcessorContext<Void, Void> context;
    private SurveyAggregates aggregates;
    private ToolResolver tools;

    ResponseAggregator(CatalogueVersion catalogueVersion, RecordKeys recordKeys, ResponseDecoder decoder,
                       LiveCommits liveCommits) {
        this.catalogueVersion = catalogueVersion;
        this.recordKeys = recordKeys;
        this.decoder = decoder;
        this.liveCommits = liveCommits;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        aggregates = new SurveyAggregates(context);
        ReadOnlyKeyValueStore<String, String> catalogue = context.getStateStore(SurveyStores.TOOL_CATALOGUE);
        tools = new ToolResolver(catalogueVersion, catalogue);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        SurveyResponse response = record.value() == null ? null : decoder.decode(topic, record.value());
        List<String> problems = SurveyResponseValidator.problems(record.key(), response);
        if (!problems.isEmpty()) {
            throw new InvalidSurveyResponseException(problems);
        }
        String wave = response.getWaveId();
        String partner = response.getPartnerId();
        LatestKey key = LatestKey.of(wave, partner, response.getRespondentId());
        long submittedAt = response.getSubmittedAt().toEpochMilli();
        LatestResponse previous = aggregates.latest(key);
        if (previous != null && !previous.isSupersededBy(submittedAt, response.getResponseId())) {
            return;
        }
        LatestResponse current = LatestResponse.of(response.getResponseId(), submittedAt,
                response.getPracticeType(), response.getSetting(), response.getUsageFrequency(),
                response.getUseCases(), response.getExpectedFutureUseCases(), response.getBarriers(),
                tools.resolve(response.getTools()), response.getMarketDrivers(),
                recordKeys.of(key));
        aggregates.replace(wave, partner, key, previous, current);
        if (liveCommits.due(record.timestamp())) {
            context.commit();
        }
    }
}
