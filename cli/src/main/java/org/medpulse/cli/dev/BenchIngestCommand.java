package org.medpulse.cli.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.medpulse.bench.IngestBenchmark;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.VerboseOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code medpulse bench ingest}: the ingestion of a partner file against the raw broker. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        header = "Ingest a generated partner file of N rows as medpulse ingest does, and compare with the raw broker.",
        description = {
                "Generates a partner CSV file of N rows (one partner's wave from the panel simulator, with "
                        + "corrections, redeliveries and late answers, every column present), about one row in 200 "
                        + "planted to be rejected (unknown symbols, impossible or future dates, missing values, "
                        + "broken quotes, short lines, another answer at the same instant).",
                "",
                "Then, in one run against the same broker: (1) the rate at which the broker takes N records "
                        + "sent with ingestion's producer settings (acks=all, idempotent, lz4, linger, batch size), "
                        + "the keys and Avro values of the file's own responses, after a warm-up; (2) the rate at "
                        + "which the file is ingested through medpulse ingest's code, to a topic of the run's own, "
                        + "from opening the file to the committed rejects report, every send acknowledged, after a "
                        + "warm-up ingestion of its first 100,000 rows to another topic. Prints both in rows/s, the "
                        + "CPU time per record of each (steadier than rates on a shared machine), their ratio (goal: "
                        + "at least 0.80), and the peak resident memory of the process (VmHWM: the whole JVM, the "
                        + "throwaway broker included).",
                "",
                "Checks that exactly the planted rows were rejected, each on its column, and that the topic "
                        + "holds exactly the other rows; exits 1 otherwise.",
                "",
                "Without --bootstrap it starts a throwaway Kafka broker in this process, in a temporary "
                        + "directory deleted afterwards, and a schema registry in memory (with --bootstrap, give "
                        + "--kafka-property schema.registry.url=URL for a real one). Removes the topics it "
                        + "created (bench-ingest-*), the file and its rejects report.",
        },
        footerHeading = "%n",
        footer = {"Examples:",
                "  ./medpulse bench ingest",
                "  ./medpulse bench ingest --rows 200000",
                "  ./medpulse bench ingest --rows 200000 --bootstrap 127.0.0.1:9092"})
final class BenchIngestCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private BenchCluster cluster;

    private int rows = IngestBenchmark.DEFAULT_ROWS;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + IngestBenchmark.DEFAULT_ROWS,
            description = "Rows of the generated partner file, planted rejects included (default: ${DEFAULT-VALUE}).")
    void rows(int value) {
        rows = BenchCommand.positive(spec, value, "--rows");
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        IngestBenchmark.Result result = cluster.run(out, bootstrap -> {
            out.println("Benchmarking ingestion on " + bootstrap + "...");
            return new IngestBenchmark(new IngestBenchmark.Settings(bootstrap, rows, cluster.partitions(),
                    cluster.kafkaProperties()), out).run();
        });
        out.flush();
        return result.exact() ? 0 : 1;
    }
}
