package org.medpulse.devstack.registry.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.medpulse.serde.registry.CompatibilityLevel;
import org.medpulse.serde.registry.InvalidCompatibilityLevelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's behaviour, independent of HTTP: subjects, versions, global schema ids,
 * compatibility levels, soft and permanent deletes, as Confluent Schema Registry defines them.
 * Refusals are {@link RegistryException}s carrying Confluent's status and error code.
 *
 * <p>Every change is written to {@link SchemaStorage} before it is applied and acknowledged. One
 * lock serialises everything: registrations are rare and reads are cached by clients.
 */
public final class Registry {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final SchemaStorage storage;
    private final RegistryState state = new RegistryState();

    private Registry(SchemaStorage storage) {
        this.storage = storage;
    }

    /** A registry holding what {@code storage} holds. */
    public static Registry load(SchemaStorage storage) {
        Registry registry = new Registry(storage);
        for (StoreRecord record : storage.readAll()) {
            try {
                registry.state.apply(record);
            } catch (RuntimeException e) {
                LOG.warn("Skipping a stored record the registry cannot use ({}): {}", e.getMessage(), record);
            }
        }
        return registry;
    }

    // ---- subjects and versions

    public synchronized List<String> subjects(LookupFilter filter, String prefix) {
        List<String> subjects = new ArrayList<>();
        for (String subject : state.subjectNames()) {
            boolean deleted = state.versions(subject).stream().allMatch(SubjectVersion::deleted);
            if (subject.startsWith(prefix == null ? "" : prefix) && filter.shows(deleted)) {
                subjects.add(subject);
            }
        }
        return subjects;
    }

    public synchronized List<Integer> versions(String subject, LookupFilter filter) {
        if (!state.hasSubject(subject, filter.includesDeleted())) {
            throw RegistryException.subjectNotFound(subject);
        }
        return state.versions(subject).stream()
                .filter(v -> filter.shows(v.deleted()))
                .map(SubjectVersion::version)
                .toList();
    }

    /** {@code latest} is the latest live version, even when {@code includeDeleted}, as in Confluent. */
    public synchronized RegisteredVersion version(String subject, String version, boolean includeDeleted) {
        VersionId id = VersionId.parse(version);
        Optional<SubjectVersion> found = id.isLatest()
                ? state.latestLive(subject)
                : state.version(subject, id.number()).filter(v -> includeDeleted || !v.deleted());
        return found.map(this::withSchema).orElseThrow(() -> state.hasSubject(subject, includeDeleted)
                ? RegistryException.versionNotFound(id)
                : RegistryException.subjectNotFound(subject));
    }

    /**
     * Registers {@code request}'s schema under {@code subject} and returns its global id. A schema
     * the subject already holds returns its id again; a schema known under another subject keeps
     * its id; a new schema takes the next id after the highest ever used.
     */
    public int register(String subject, SchemaRequest request) {
        NormalizedSchema schema = request.parse();
        if (request.id() != null && request.id() >= 0) {
            throw RegistryException.operationNotPermitted("Subject " + subject + " is not in import mode");
        }
        synchronized (this) {
            Optional<Integer> knownId = state.idOf(schema);
            List<SubjectVersion> versions = state.versions(subject);
            Optional<SubjectVersion> holding = knownId.flatMap(id -> versions.stream()
                    .filter(v -> v.id() == id && !v.deleted())
                    .max(Comparator.comparingInt(SubjectVersion::version)));
            Integer askedVersion = request.version() != null && request.version() > 0 ? request.version() : null;
            if (holding.isPresent() && (askedVersion == null || askedVersion == holding.get().version())) {
                return holding.get().id();
            }
            int newVersion = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            if (askedVersion != null && askedVersion != newVersion) {
                throw RegistryException.invalidSchema("Version is not one more than previous version");
            }
            List<String> incompatibilities = CompatibilityChecker.check(level(subject), schema, liveVersions(subject));
            if (!incompatibilities.isEmpty()) {
                throw RegistryException.incompatibleSchema(subject, incompatibilities);
            }
            int id = knownId.orElse(state.maxId() + 1);
            String text = state.schema(id).map(NormalizedSchema::text).orElse(schema.text());
            List<StoreRecord> records = new ArrayList<>();
            // A soft-deleted version holding the same schema is superseded: Confluent tombstones it.
            versions.stream()
                    .filter(v -> v.deleted() && v.id() == id)
                    .forEach(v -> records.add(new StoreRecord.SchemaVersionTombstone(subject, v.version())));
            records.add(new StoreRecord.SchemaVersion(subject, newVersion, id, text, false));
            persist("Register schema", records);
            return id;
        }
    }

    /** The version of {@code subject} that holds {@code request}'s schema (40401/40403 when none). */
    public RegisteredVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        NormalizedSchema schema = request.parse();
        synchronized (this) {
            Optional<SubjectVersion> found = state.idOf(schema).flatMap(id -> state.versions(subject).stream()
                    .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                    .max(Comparator.comparingInt(SubjectVersion::version)));
            if (found.isPresent()) {
                return withSchema(found.get());
            }
            throw state.hasSubject(subject, includeDeleted)
                    ? RegistryException.schemaNotFound()
                    : RegistryException.subjectNotFound(subject);
        }
    }

    /**
     * Soft-deletes every live version of {@code subject}, or, with {@code permanent}, removes a
     * soft-deleted subject for good (with its compatibility level). Returns the versions deleted.
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        if (!state.hasSubject(subject, true)) {
            throw RegistryException.subjectNotFound(subject);
        }
        List<SubjectVersion> versions = state.versions(subject);
        List<StoreRecord> records = new ArrayList<>();
        List<Integer> deleted = new ArrayList<>();
        if (permanent) {
            if (versions.stream().anyMatch(v -> !v.deleted())) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            for (SubjectVersion version : versions) {
                records.add(new StoreRecord.SchemaVersionTombstone(subject, version.version()));
                deleted.add(version.version());
            }
            if (state.subjectLevel(subject).isPresent()) {
                records.add(new StoreRecord.ConfigTombstone(subject));
            }
        } else {
            if (!state.hasSubject(subject, false)) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            versions.stream().filter(v -> !v.deleted()).forEach(v -> deleted.add(v.version()));
            records.add(new StoreRecord.SubjectDeleted(subject, deleted.get(deleted.size() - 1)));
        }
        persist("Delete subject", records);
        return deleted;
    }

    /** Soft-deletes one version, or permanently deletes a soft-deleted one; returns its number. */
    public synchronized int deleteVersion(String subject, String version, boolean permanent) {
        VersionId id = VersionId.parse(version);
        SubjectVersion found = (id.isLatest() ? state.latestLive(subject) : state.version(subject, id.number()))
                .orElseThrow(() -> state.hasSubject(subject, true)
                        ? RegistryException.versionNotFound(id)
                        : RegistryException.subjectNotFound(subject));
        List<StoreRecord> records = new ArrayList<>();
        if (permanent) {
            if (!found.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, found.version());
            }
            records.add(new StoreRecord.SchemaVersionTombstone(subject, found.version()));
            boolean lastVersion = state.versions(subject).size() == 1;
            if (lastVersion && state.subjectLevel(subject).isPresent()) {
                records.add(new StoreRecord.ConfigTombstone(subject));
            }
        } else {
            if (found.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, found.version());
            }
            String text = state.schema(found.id()).orElseThrow().text();
            records.add(new StoreRecord.SchemaVersion(subject, found.version(), found.id(), text, true));
        }
        persist("Delete schema version", records);
        return found.version();
    }

    // ---- schemas by id

    public synchronized NormalizedSchema schema(int id) {
        return state.schema(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    /** The subjects holding schema {@code id}, sorted (soft-deleted ones only if {@code includeDeleted}). */
    public synchronized List<String> subjectsOf(int id, boolean includeDeleted) {
        return versionsOf(id, includeDeleted).stream().map(SubjectVersion::subject).distinct().toList();
    }

    /** The versions holding schema {@code id}, by subject then version. */
    public synchronized List<SubjectVersion> versionsOf(int id, boolean includeDeleted) {
        schema(id);
        return state.usages(id).stream()
                .filter(v -> includeDeleted || !v.deleted())
                .sorted(Comparator.comparing(SubjectVersion::subject).thenComparingInt(SubjectVersion::version))
                .toList();
    }

    // ---- compatibility

    /**
     * Why {@code request}'s schema could not be registered after {@code version} of
     * {@code subject} (or, when {@code version} is null, after the versions a registration would
     * be checked against) under the subject's level; empty when it could.
     */
    public List<String> incompatibilities(String subject, String version, SchemaRequest request) {
        VersionId versionId = version == null ? null : VersionId.parse(version);
        NormalizedSchema schema = request.parse();
        synchronized (this) {
            List<CompatibilityChecker.PreviousVersion> previous;
            if (versionId == null) {
                previous = liveVersions(subject);
            } else if (versionId.isLatest()) {
                // Nothing registered yet: anything is compatible (a first registration would pass).
                previous = state.latestLive(subject).map(this::previous).stream().toList();
            } else {
                SubjectVersion found = state.version(subject, versionId.number())
                        .filter(v -> !v.deleted())
                        .orElseThrow(() -> state.hasSubject(subject, false)
                                ? RegistryException.versionNotFound(versionId)
                                : RegistryException.subjectNotFound(subject));
                previous = List.of(previous(found));
            }
            return CompatibilityChecker.check(level(subject), schema, previous);
        }
    }

    // ---- compatibility levels

    public synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(CompatibilityLevel.DEFAULT);
    }

    /** The subject's own level, or the global one when it has none and {@code defaultToGlobal}. */
    public synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> level = state.subjectLevel(subject);
        if (level.isEmpty() && !defaultToGlobal) {
            throw RegistryException.compatibilityNotConfigured(subject);
        }
        return level.orElseGet(this::globalLevel);
    }

    /** Sets the level of {@code subject}, or the global level when {@code subject} is null. */
    public synchronized CompatibilityLevel setLevel(String subject, String level) {
        CompatibilityLevel parsed;
        try {
            parsed = CompatibilityLevel.parse(level);
        } catch (InvalidCompatibilityLevelException e) {
            throw RegistryException.invalidCompatibilityLevel();
        }
        persist("Update compatibility level", List.of(new StoreRecord.Config(subject, parsed)));
        return parsed;
    }

    /** Reverts the global level to the default; returns the level it had. */
    public synchronized CompatibilityLevel deleteGlobalLevel() {
        CompatibilityLevel previous = globalLevel();
        if (state.globalLevel().isPresent()) {
            persist("Delete compatibility level", List.of(new StoreRecord.ConfigTombstone(null)));
        }
        return previous;
    }

    /** Removes the subject's own level (40401 when it has none); returns the level it had. */
    public synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
        CompatibilityLevel previous = state.subjectLevel(subject)
                .orElseThrow(() -> RegistryException.subjectNotFound(subject));
        persist("Delete compatibility level", List.of(new StoreRecord.ConfigTombstone(subject)));
        return previous;
    }

    // ---- internals

    private CompatibilityLevel level(String subject) {
        return state.subjectLevel(subject).orElseGet(this::globalLevel);
    }

    private List<CompatibilityChecker.PreviousVersion> liveVersions(String subject) {
        return state.versions(subject).stream().filter(v -> !v.deleted()).map(this::previous).toList();
    }

    private CompatibilityChecker.PreviousVersion previous(SubjectVersion version) {
        return new CompatibilityChecker.PreviousVersion(version.version(), state.schema(version.id()).orElseThrow());
    }

    private RegisteredVersion withSchema(SubjectVersion version) {
        String schema = state.schema(version.id()).orElseThrow().text();
        return new RegisteredVersion(version.subject(), version.version(), version.id(), schema);
    }

    private void persist(String operation, List<StoreRecord> records) {
        for (StoreRecord record : records) {
            try {
                storage.write(record);
            } catch (SchemaStorageException e) {
                throw RegistryException.storeError(operation, e);
            }
            state.apply(record);
        }
    }
}
