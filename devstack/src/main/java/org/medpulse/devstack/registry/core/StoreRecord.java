package org.medpulse.devstack.registry.core;

import java.util.Objects;

import org.medpulse.serde.registry.CompatibilityLevel;

/**
 * One change to the registry, as it is written to storage. Replaying every record in order
 * rebuilds the registry. The kinds mirror the keys of Confluent's {@code _schemas} topic:
 * SCHEMA (a version, possibly soft-deleted, or its tombstone), CONFIG (a compatibility level, or
 * its tombstone) and DELETE_SUBJECT (a soft delete of every version up to one).
 */
public sealed interface StoreRecord {

    /** A subject's version and the schema (with its global id) it holds. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements StoreRecord {
        public SchemaVersion {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** A version permanently deleted. */
    record SchemaVersionTombstone(String subject, int version) implements StoreRecord {
        public SchemaVersionTombstone {
            Objects.requireNonNull(subject, "subject");
        }
    }

    /** Every version of {@code subject} up to {@code upToVersion} soft-deleted at once. */
    record SubjectDeleted(String subject, int upToVersion) implements StoreRecord {
        public SubjectDeleted {
            Objects.requireNonNull(subject, "subject");
        }
    }

    /** A compatibility level, for {@code subject} or globally when {@code subject} is null. */
    record Config(String subject, CompatibilityLevel level) implements StoreRecord {
        public Config {
            Objects.requireNonNull(level, "level");
        }
    }

    /** A compatibility level removed, for {@code subject} or globally when {@code subject} is null. */
    record ConfigTombstone(String subject) implements StoreRecord {
    }
}
