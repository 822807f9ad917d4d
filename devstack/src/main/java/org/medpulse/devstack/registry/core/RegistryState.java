package org.medpulse.devstack.registry.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.medpulse.serde.registry.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's contents, rebuilt by applying {@link StoreRecord}s in order. Not thread-safe:
 * {@link Registry} guards it.
 */
final class RegistryState {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    private final Map<String, NavigableMap<Integer, SubjectVersion>> subjects = new TreeMap<>();
    private final Map<Integer, NormalizedSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByIdentity = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    void apply(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion version) {
            putVersion(version);
        } else if (record instanceof StoreRecord.SchemaVersionTombstone tombstone) {
            removeVersion(tombstone.subject(), tombstone.version());
        } else if (record instanceof StoreRecord.SubjectDeleted deleted) {
            NavigableMap<Integer, SubjectVersion> versions = subjects.get(deleted.subject());
            if (versions != null) {
                versions.headMap(deleted.upToVersion(), true).replaceAll((v, entry) -> entry.markedDeleted());
            }
        } else if (record instanceof StoreRecord.Config config) {
            if (config.subject() == null) {
                globalLevel = config.level();
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
        } else if (record instanceof StoreRecord.ConfigTombstone tombstone) {
            if (tombstone.subject() == null) {
                globalLevel = null;
            } else {
                subjectLevels.remove(tombstone.subject());
            }
        }
    }

    private void putVersion(StoreRecord.SchemaVersion record) {
        NormalizedSchema known = schemasById.get(record.id());
        if (known == null) {
            NormalizedSchema schema = NormalizedSchema.parse(record.schema());
            schemasById.put(record.id(), schema);
            idsByIdentity.putIfAbsent(schema.identity(), record.id());
        } else if (!known.text().equals(record.schema())
                && !known.identity().equals(NormalizedSchema.parse(record.schema()).identity())) {
            // Confluent refuses the same way: an id always names one schema.
            LOG.error("Ignoring {} version {}: schema id {} already names another schema",
                    record.subject(), record.version(), record.id());
            return;
        }
        SubjectVersion replaced = subjects.computeIfAbsent(record.subject(), s -> new TreeMap<>()).put(
                record.version(), new SubjectVersion(record.subject(), record.version(), record.id(), record.deleted()));
        if (replaced != null && replaced.id() != record.id()) {
            forgetIfUnused(replaced.id());
        }
        maxId = Math.max(maxId, record.id());
    }

    private void removeVersion(String subject, int version) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        SubjectVersion removed = versions.remove(version);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        if (removed != null) {
            forgetIfUnused(removed.id());
        }
    }

    private void forgetIfUnused(int id) {
        if (usages(id).isEmpty()) {
            // No version holds the schema any more: the id is gone, as after Confluent's hard delete.
            NormalizedSchema schema = schemasById.remove(id);
            if (schema != null) {
                idsByIdentity.remove(schema.identity(), id);
            }
        }
    }

    /** Every version of {@code subject}, oldest first, soft-deleted ones included. */
    List<SubjectVersion> versions(String subject) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    Optional<SubjectVersion> version(String subject, int version) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    Optional<SubjectVersion> latestLive(String subject) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        return versions.descendingMap().values().stream().filter(v -> !v.deleted()).findFirst();
    }

    /** Whether {@code subject} has a version (a live one, unless {@code includeDeleted}). */
    boolean hasSubject(String subject, boolean includeDeleted) {
        return versions(subject).stream().anyMatch(v -> includeDeleted || !v.deleted());
    }

    Set<String> subjectNames() {
        return subjects.keySet();
    }

    Optional<Integer> idOf(NormalizedSchema schema) {
        return Optional.ofNullable(idsByIdentity.get(schema.identity()));
    }

    Optional<NormalizedSchema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The versions, across subjects, that hold schema {@code id}. */
    List<SubjectVersion> usages(int id) {
        List<SubjectVersion> usages = new ArrayList<>();
        for (NavigableMap<Integer, SubjectVersion> versions : subjects.values()) {
            versions.values().stream().filter(v -> v.id() == id).forEach(usages::add);
        }
        return usages;
    }

    /** The highest id ever seen, so that new ids continue after it. */
    int maxId() {
        return maxId;
    }

    Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }
}
