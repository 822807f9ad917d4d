package org.medpulse.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The boundaries docs/architecture.md draws, checked on the compiled production classes of every
 * module: which module may use which, one-way flow inside the streams application, no package
 * cycles, and Kafka Streams internals used in one declared place only.
 */
class ArchitectureTest {

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // The modules come as target/classes or as their jars, depending on the build's phase;
        // test classes and test jars (fixtures) are not production code.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("org.medpulse");
        for (String module : new String[]{"org.medpulse.schemas.WaveId", "org.medpulse.serde.ConfluentAvroSerde",
                "org.medpulse.cluster.ProjectTopics", "org.medpulse.producer.ingest.FileIngestion",
                "org.medpulse.streams.app.StreamsApplication", "org.medpulse.devstack.stack.LocalStack",
                "org.medpulse.testkit.LocalStackExtension", "org.medpulse.bench.ReplayBenchmark",
                "org.medpulse.chaos.ChaosRun", "org.medpulse.cli.MedPulseCommand", "org.medpulse.cli.dev.Launcher"}) {
            assertThat(production.contain(module)).as("imported %s", module).isTrue();
        }
        assertThat(production.contain("org.medpulse.streams.query.InMemoryPartitions")).as("test fixtures left out").isFalse();
    }

    @Test
    void everyModuleUsesOnlyTheModulesBeneathIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("schemas").definedBy("org.medpulse.schemas..", "org.medpulse.avro..")
                .layer("serde").definedBy("org.medpulse.serde..")
                .layer("cluster").definedBy("org.medpulse.cluster..")
                .layer("producer").definedBy("org.medpulse.producer..")
                .layer("streams").definedBy("org.medpulse.streams..")
                .layer("devstack").definedBy("org.medpulse.devstack..")
                .layer("testkit").definedBy("org.medpulse.testkit..")
                .layer("bench").definedBy("org.medpulse.bench..")
                .layer("chaos").definedBy("org.medpulse.chaos..")
                .layer("cli").definedBy("org.medpulse.cli", "org.medpulse.cli.options..", "org.medpulse.cli.producer..",
                        "org.medpulse.cli.streams..", "org.medpulse.cli.disclosure..")
                .layer("cli.dev").definedBy("org.medpulse.cli.dev..")
                .whereLayer("schemas").mayNotAccessAnyLayer()
                .whereLayer("serde").mayNotAccessAnyLayer()
                .whereLayer("cluster").mayOnlyAccessLayers("schemas")
                .whereLayer("producer").mayOnlyAccessLayers("schemas", "serde")
                .whereLayer("streams").mayOnlyAccessLayers("schemas", "serde", "cluster")
                .whereLayer("devstack").mayOnlyAccessLayers("schemas", "serde", "cluster")
                .whereLayer("testkit").mayOnlyAccessLayers("schemas", "serde", "cluster", "devstack")
                .whereLayer("bench").mayOnlyAccessLayers("schemas", "serde", "cluster", "producer", "streams")
                // The game day drives the pipeline from outside: the streams application runs as a child
                // process, and the model of the panel knows nothing of the streams module.
                .whereLayer("chaos").mayOnlyAccessLayers("schemas", "serde", "cluster", "producer", "devstack")
                // The pipeline's commands ship without the dev platform: nothing of it, nor of the benchmarks.
                .whereLayer("cli").mayOnlyAccessLayers("schemas", "serde", "cluster", "producer", "streams")
                .whereLayer("cli.dev").mayOnlyAccessLayers("schemas", "serde", "cluster", "producer", "streams",
                        "devstack", "bench", "chaos", "cli")
                .check(production);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.medpulse.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void insideTheStreamsApplicationDataFlowsOneWay() {
        // topology → state; state ← query → HTTP; app wires them all and nobody wires app.
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("org.medpulse.streams.app..")
                .layer("api").definedBy("org.medpulse.streams.api..")
                .layer("query").definedBy("org.medpulse.streams.query..")
                .layer("topology").definedBy("org.medpulse.streams.topology..", "org.medpulse.streams.errors..",
                        "org.medpulse.streams.config..")
                .layer("state").definedBy("org.medpulse.streams.state..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("app")
                .whereLayer("query").mayOnlyBeAccessedByLayers("api", "app")
                .whereLayer("topology").mayOnlyBeAccessedByLayers("app")
                .whereLayer("state").mayOnlyBeAccessedByLayers("topology", "query", "api", "app")
                .check(production);
    }

    @Test
    void theReadSidesCoreKnowsNoneOfItsImplementations() {
        noClasses().that().resideInAPackage("org.medpulse.streams.query")
                .should().dependOnClassesThat().resideInAnyPackage("org.medpulse.streams.query.(*)..")
                .check(production);
        noClasses().that().resideInAnyPackage("org.medpulse.streams.query.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("org.medpulse.streams.query.store..",
                        "org.medpulse.streams.query.peer..", "org.medpulse.streams.query.question..", "io.javalin..")
                .check(production);
    }

    @Test
    void theRegistryClientDoesNotUseTheSerdeBuiltOnIt() {
        noClasses().that().resideInAPackage("org.medpulse.serde.registry..")
                .should().dependOnClassesThat().resideInAPackage("org.medpulse.serde")
                .check(production);
    }

    @Test
    void kafkaStreamsInternalsAreUsedInOneDeclaredPlace() {
        // See docs/architecture.md, "Kafka Streams internals", and KafkaStreamsInternalsTest.
        // The dev platform runs brokers: devstack's embedded one, testkit's test clusters, and the
        // game day's three-node cluster (chaos.platform.BrokerNodeMain, in a JVM of its own).
        noClasses().that().doNotHaveFullyQualifiedName("org.medpulse.streams.state.WriteBehindKeyValueStore")
                .and().resideOutsideOfPackages("org.medpulse.devstack..", "org.medpulse.testkit..",
                        "org.medpulse.chaos.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..internals..", "kafka..",
                        "org.apache.kafka.server..", "org.apache.kafka.metadata..")
                .check(production);
    }

    @Test
    void onlyTheCommandsUsePicocli() {
        classes().that().resideOutsideOfPackages("org.medpulse.cli..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("picocli..")
                .check(production);
    }
}
