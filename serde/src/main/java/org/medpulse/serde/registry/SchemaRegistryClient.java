package org.medpulse.serde.registry;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * What MedPulse needs from a Confluent-compatible schema registry. Implementations:
 * {@link RestSchemaRegistryClient} for a real registry (http/https URLs) and
 * {@link InMemorySchemaRegistryClient} for tests ({@code mock://scope} URLs);
 * {@link SchemaRegistryClients#create} picks one from a serde configuration.
 *
 * <p>Failures surface as {@link SchemaRegistryException} subclasses carrying Confluent's HTTP status
 * and {@code error_code}. Implementations do not cache: the serdes cache what they need.
 *
 * <p>The operations beyond the serdes' needs have defaults that refuse, so that test doubles need
 * only implement what they use; both real implementations implement them all.
 */
public interface SchemaRegistryClient extends Closeable {

    /** Registers {@code schema} under {@code subject} (or finds it registered) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} already registered under {@code subject}; fails with 40401/40403 otherwise. */
    int getId(String subject, Schema schema);

    /** The schema with global id {@code id}; fails with 40403 when unknown. */
    Schema getSchemaById(int id);

    /** The latest version registered under {@code subject}; fails with 40401 when unknown. */
    RegisteredSchema getLatestSchema(String subject);

    /** The subjects that currently exist. */
    List<String> getSubjects();

    /** The version of {@code subject} that holds {@code schema} ({@code POST /subjects/{s}}); 40401/40403 otherwise. */
    default RegisteredSchema lookup(String subject, Schema schema) {
        throw unsupported("lookup");
    }

    /** The live version numbers of {@code subject}, ascending; 40401 when unknown. */
    default List<Integer> getVersions(String subject) {
        throw unsupported("getVersions");
    }

    /** One version of {@code subject}; 40401 / 40402 when unknown, 42202 when not a valid version. */
    default RegisteredSchema getVersion(String subject, int version) {
        throw unsupported("getVersion");
    }

    /** Whether {@code schema} may be registered after the latest version, with the reasons if not. */
    default CompatibilityCheck testCompatibility(String subject, Schema schema) {
        throw unsupported("testCompatibility");
    }

    /** Whether {@code schema} is compatible with {@code version} of {@code subject}, with the reasons if not. */
    default CompatibilityCheck testCompatibility(String subject, int version, Schema schema) {
        throw unsupported("testCompatibility");
    }

    /** The registry-wide compatibility level. */
    default CompatibilityLevel getGlobalCompatibility() {
        throw unsupported("getGlobalCompatibility");
    }

    /** Sets the registry-wide compatibility level and returns it as the registry acknowledged it. */
    default CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        throw unsupported("setGlobalCompatibility");
    }

    /** The level set on {@code subject} itself; empty when it follows the global level (40408). */
    default Optional<CompatibilityLevel> getSubjectCompatibility(String subject) {
        throw unsupported("getSubjectCompatibility");
    }

    /** Sets {@code subject}'s own compatibility level and returns it as the registry acknowledged it. */
    default CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        throw unsupported("setSubjectCompatibility");
    }

    /** Removes {@code subject}'s own level, so that the global one applies again. */
    default void deleteSubjectCompatibility(String subject) {
        throw unsupported("deleteSubjectCompatibility");
    }

    /**
     * Deletes every version of {@code subject} and returns their numbers. A soft delete hides them
     * (ids stay readable); {@code permanent} removes a subject soft-deleted before (40405 otherwise).
     */
    default List<Integer> deleteSubject(String subject, boolean permanent) {
        throw unsupported("deleteSubject");
    }

    /** Deletes one version of {@code subject} (soft, or permanent after a soft delete) and returns its number. */
    default int deleteVersion(String subject, int version, boolean permanent) {
        throw unsupported("deleteVersion");
    }

    @Override
    default void close() {
    }

    private UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException(getClass().getName() + " does not implement " + operation);
    }
}
