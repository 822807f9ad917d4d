package org.medpulse.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.chaos.panel.ChaosPanel;
import org.medpulse.chaos.panel.CorruptRecords;
import org.medpulse.chaos.panel.MalformedRows;
import org.medpulse.chaos.panel.PartnerFileWriter;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.Reject;
import org.medpulse.producer.ingest.RejectsFile;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.UnusableFileException;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.producer.publish.ResponsePublisher;
import org.medpulse.producer.publish.SendFailure;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.Topics;

/**
 * Sends the panel, one chunk at a time, the ways data reaches MedPulse: partners 1 and 2 as
 * partner files (CSV, one per partner and wave, with the market_drivers column for the wave asked
 * about them and without it for the other) through the real ingest path (validation, rejects file, an idempotent
 * acks=all producer), with malformed rows among their good ones; partners 3 and 4 as
 * {@code medpulse simulate} publishes them; and now and then a corrupt record written straight to
 * the topic. Both producers live for the whole run, as a watch-folder ingest and a live simulator
 * do, so they keep their schema id through a registry outage.
 *
 * <p>What an operator does when a send fails, it does: a file with rows "not published" is
 * ingested again (response ids make that harmless), a failed simulator send is sent again.
 */
final class Feed implements AutoCloseable {

    /** One malformed row per this many good rows of a partner file (at least one per file). */
    static final int ROWS_PER_MALFORMED = 200;
    /** One corrupt record per this many responses (at least 30 in a run). */
    static final int RESPONSES_PER_CORRUPT = 1_000;
    private static final int MAX_INGEST_ATTEMPTS = 6;
    private static final ZoneId ZONE = IngestRules.DEFAULT_ZONE;

    private final Iterator<SurveyResponse> deliveries;
    private final Path files;
    private final Producer<String, SurveyResponse> ingestProducer;
    private final Producer<String, SurveyResponse> simulateProducer;
    private final KafkaProducer<byte[], byte[]> rawProducer;
    private final CorruptRecords corrupt;
    private final SplittableRandom random;
    private final long corruptEvery;
    private final List<String> problems = new ArrayList<>();

    private long sent;
    private long malformedId;
    // What was injected and what became of it.
    final Map<MalformedRows.Kind, Long> malformedWritten = new EnumMap<>(MalformedRows.Kind.class);
    final Map<String, CorruptRecords.Kind> corruptWritten = new LinkedHashMap<>();
    final Map<String, CorruptRecords.Kind> corruptUnconfirmed = new LinkedHashMap<>();
    long filesIngested;
    long fileRows;
    long filePublished;
    long malformedRejected;
    long malformedPublished;
    long validRejected;
    long reingestions;
    long simulated;
    long resent;
    final Map<String, Long> rejectReasons = new TreeMap<>();

    Feed(ChaosPanel panel, Path files, String bootstrapServers, String registryUrl, int schemaId, long seed) {
        this.deliveries = panel.deliveries();
        this.files = files;
        this.ingestProducer = ResponseProducers.create(clientProperties(bootstrapServers, registryUrl, "medpulse-chaos-ingest"));
        this.simulateProducer = ResponseProducers.create(clientProperties(bootstrapServers, registryUrl,
                "medpulse-chaos-simulate"));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        raw.put(ProducerConfig.ACKS_CONFIG, "all");
        raw.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        raw.put(ProducerConfig.CLIENT_ID_CONFIG, "medpulse-chaos-corrupt");
        this.rawProducer = new KafkaProducer<>(raw, new ByteArraySerializer(), new ByteArraySerializer());
        this.corrupt = new CorruptRecords(schemaId, seed);
        this.random = new SplittableRandom(seed * 31 + 7);
        this.corruptEvery = Math.max(1, Math.min(RESPONSES_PER_CORRUPT, panel.responses() / 30));
    }

    private static Properties clientProperties(String bootstrapServers, String registryUrl, String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("schema.registry.url", registryUrl);
        props.put("client.id", clientId);
        return props;
    }

    /** Responses sent so far (both paths). */
    synchronized long sent() {
        return sent;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Sends the next {@code count} responses (fewer at the end of the panel) and returns once all are acknowledged. */
    void sendChunk(int chunk, long count) throws IOException, InterruptedException {
        Map<String, PartnerFileWriter> writers = new LinkedHashMap<>();
        Map<String, SurveyResponse> lastRow = new LinkedHashMap<>();
        ResponsePublisher<SurveyResponse> publisher = new ResponsePublisher<>(simulateProducer, Topics.SURVEY_RESPONSES);
        List<Future<RecordMetadata>> corruptSends = new ArrayList<>();
        List<CorruptRecords.Corrupt> corruptInChunk = new ArrayList<>();
        try {
            for (long i = 0; i < count && deliveries.hasNext(); i++) {
                SurveyResponse response = deliveries.next();
                if (ChaosPanel.viaFiles(response)) {
                    String file = response.getPartnerId() + "-" + response.getWaveId();
                    PartnerFileWriter writer = writers.computeIfAbsent(file, name -> open(response, chunk));
                    if (random.nextInt(ROWS_PER_MALFORMED) == 0) {
                        writeMalformed(writer, response);
                    }
                    writer.write(response);
                    lastRow.put(file, response);
                } else {
                    publisher.send(response, null, response);
                    simulated++;
                }
                synchronized (this) {
                    sent++;
                }
                if (sent % corruptEvery == corruptEvery / 2) {
                    CorruptRecords.Corrupt record = corrupt.next(response);
                    corruptInChunk.add(record);
                    corruptSends.add(rawProducer.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, record.keyBytes(),
                            record.value())));
                }
            }
            for (Map.Entry<String, PartnerFileWriter> writer : writers.entrySet()) {
                if (writer.getValue().malformed().isEmpty()) {
                    writeMalformed(writer.getValue(), lastRow.get(writer.getKey()));
                }
            }
        } finally {
            for (PartnerFileWriter writer : writers.values()) {
                writer.close();
            }
        }
        for (Map.Entry<String, PartnerFileWriter> file : writers.entrySet()) {
            ingest(lastRow.get(file.getKey()).getPartnerId(), file.getValue());
        }
        finishSimulated(publisher);
        awaitCorrupt(corruptInChunk, corruptSends);
    }

    /** The file of {@code first}'s partner and wave in this chunk: with the market_drivers column if it was asked. */
    private PartnerFileWriter open(SurveyResponse first, int chunk) {
        String partner = first.getPartnerId();
        try {
            return new PartnerFileWriter(files.resolve(partner).resolve(String.format("%s-%s-chunk-%03d.csv", partner,
                    first.getWaveId(), chunk)), first.getMarketDrivers() != null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeMalformed(PartnerFileWriter writer, SurveyResponse template) throws IOException {
        List<MalformedRows.Kind> kinds = java.util.Arrays.stream(MalformedRows.Kind.values())
                .filter(k -> k.appliesTo(writer.v2())).toList();
        MalformedRows.Kind kind = kinds.get(random.nextInt(kinds.size()));
        writer.writeMalformed(template, MalformedRows.RESPONDENT_PREFIX + String.format("%06d", ++malformedId), kind);
        malformedWritten.merge(kind, 1L, Long::sum);
    }

    /**
     * Ingests one partner file as {@code medpulse ingest --partner P FILE} does, writes its
     * rejects file, and checks it: exactly the malformed rows rejected; rows not published
     * (failed sends) make it ingest the file again.
     */
    private void ingest(String partner, PartnerFileWriter file) throws IOException, InterruptedException {
        Map<Long, MalformedRows.Kind> malformed = file.malformed();
        for (int attempt = 1; ; attempt++) {
            PartnerFile partnerFile;
            try {
                partnerFile = PartnerFile.open(file.path(), warning -> problems.add(file.path() + ": " + warning));
            } catch (UnusableFileException e) {
                problems.add(file.path() + " is unusable: " + e.getMessage());
                return;
            }
            FileIngestion ingestion = FileIngestion.publishing(ResponseValidator.of(IngestRules.of(partner, ZONE,
                    Instant.now())), ingestProducer, Topics.SURVEY_RESPONSES);
            FileIngestion.Result result = ingestion.ingest(partnerFile);
            RejectsFile.write(RejectsFile.besides(file.path()), result.rejects());
            List<Reject> notPublished = result.rejects().stream().filter(r -> r.reason().startsWith("not published")).toList();
            if (attempt == 1) {
                filesIngested++;
                fileRows += result.summary().rows();
                for (Reject reject : result.rejects()) {
                    if (reject.reason().startsWith("not published")) {
                        continue;
                    }
                    if (malformed.containsKey(reject.line())) {
                        malformedRejected++;
                        rejectReasons.merge(malformed.get(reject.line()).description(), 1L, Long::sum);
                    } else {
                        validRejected++;
                        problems.add(file.path() + " line " + reject.line() + ": a good row rejected: " + reject.reason());
                    }
                }
                long rejectedLines = result.rejects().stream().filter(r -> !r.reason().startsWith("not published"))
                        .map(Reject::line).filter(malformed::containsKey).count();
                if (rejectedLines < malformed.size()) {
                    malformedPublished += malformed.size() - rejectedLines;
                    problems.add(file.path() + ": " + (malformed.size() - rejectedLines) + " malformed row(s) not rejected");
                }
            }
            filePublished += result.summary().published();
            if (notPublished.isEmpty()) {
                return;
            }
            if (attempt >= MAX_INGEST_ATTEMPTS) {
                problems.add(file.path() + ": " + notPublished.size() + " row(s) still not published after "
                        + attempt + " ingestions, e.g. " + notPublished.get(0).reason());
                return;
            }
            reingestions++;
            Thread.sleep(5_000L * attempt);
        }
    }

    /** Waits for the simulator's sends; sends failed ones again, as re-running the simulation would. */
    private void finishSimulated(ResponsePublisher<SurveyResponse> publisher) throws InterruptedException {
        PublishResult<SurveyResponse> result = publisher.finish();
        List<SurveyResponse> failed = result.failures().stream().map(SendFailure::source).toList();
        for (int attempt = 1; !failed.isEmpty(); attempt++) {
            if (attempt > MAX_INGEST_ATTEMPTS) {
                problems.add(failed.size() + " simulated response(s) never acknowledged, e.g. "
                        + ResponseKey.of(failed.get(0)) + ": " + result.failures().get(0).reason());
                return;
            }
            Thread.sleep(5_000L * attempt);
            ResponsePublisher<SurveyResponse> again = new ResponsePublisher<>(simulateProducer, Topics.SURVEY_RESPONSES);
            failed.forEach(response -> again.send(response, null, response));
            resent += failed.size();
            result = again.finish();
            failed = result.failures().stream().map(SendFailure::source).toList();
        }
    }

    /**
     * Waits for the corrupt records' acknowledgements. One that fails is not sent again: if it was
     * written after all, a second copy would be dead-lettered twice and pass for a fault of the
     * application. It is "unconfirmed": dead-lettered at most once.
     */
    private void awaitCorrupt(List<CorruptRecords.Corrupt> records, List<Future<RecordMetadata>> sends)
            throws InterruptedException {
        rawProducer.flush();
        for (int i = 0; i < records.size(); i++) {
            CorruptRecords.Corrupt record = records.get(i);
            try {
                sends.get(i).get(3, TimeUnit.MINUTES);
                corruptWritten.put(record.key(), record.kind());
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                corruptUnconfirmed.put(record.key(), record.kind());
                problems.add("corrupt record " + record.key() + " not acknowledged (" + e.getMessage()
                        + "); it may be dead-lettered once, or not at all");
            }
        }
    }

    @Override
    public void close() {
        ingestProducer.close();
        simulateProducer.close();
        rawProducer.close();
    }
}
