package org.medpulse.serde.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A registry in memory, for unit tests: {@code schema.registry.url=mock://scope} gives every serde
 * configured with the same scope the same instance, as Confluent's mock registry does.
 *
 * <p>It follows the registry's rules for ids (global, one per canonical form), versions, soft and
 * permanent deletes, and answers compatibility tests and config calls. Like Confluent's mock, it
 * does not enforce compatibility when registering: tests of that run against the embedded registry.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
    private final Map<String, List<SubjectVersion>> subjects = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;

    /** The shared instance of a {@code mock://} scope. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
    }

    /** Forgets a scope, so that the next test starts from an empty registry. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = SchemaNormalization.toParsingForm(schema);
        int id = idsByCanonicalForm.computeIfAbsent(canonical, c -> idsByCanonicalForm.size() + 1);
        schemasById.putIfAbsent(id, schema);
        List<SubjectVersion> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        boolean registered = versions.stream().anyMatch(v -> v.id == id && !v.deleted);
        if (!registered) {
            int next = versions.stream().mapToInt(v -> v.version).max().orElse(0) + 1;
            versions.add(new SubjectVersion(next, id));
        }
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        return lookup(subject, schema).id();
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<SubjectVersion> live = liveVersions(subject);
        Integer id = idsByCanonicalForm.get(SchemaNormalization.toParsingForm(schema));
        return live.stream()
                .filter(v -> id != null && v.id == id)
                .findFirst()
                .map(v -> describe(subject, v))
                .orElseThrow(() -> new SchemaNotFoundException("Schema not found"));
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatestSchema(String subject) {
        List<SubjectVersion> live = liveVersions(subject);
        return describe(subject, live.get(live.size() - 1));
    }

    @Override
    public synchronized List<String> getSubjects() {
        return subjects.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(v -> !v.deleted))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized List<Integer> getVersions(String subject) {
        return liveVersions(subject).stream().map(v -> v.version).toList();
    }

    @Override
    public synchronized RegisteredSchema getVersion(String subject, int version) {
        return describe(subject, liveVersion(subject, version));
    }

    @Override
    public synchronized CompatibilityCheck testCompatibility(String subject, Schema schema) {
        List<SubjectVersion> live = liveVersions(subject);
        CompatibilityLevel level = effectiveLevel(subject);
        List<SubjectVersion> against = level.transitive() ? live : live.subList(live.size() - 1, live.size());
        return level.check(schema, against.stream().map(v -> schemasById.get(v.id)).toList());
    }

    @Override
    public synchronized CompatibilityCheck testCompatibility(String subject, int version, Schema schema) {
        SubjectVersion target = liveVersion(subject, version);
        return effectiveLevel(subject).check(schema, List.of(schemasById.get(target.id)));
    }

    @Override
    public synchronized CompatibilityLevel getGlobalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = level;
        return level;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> getSubjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    @Override
    public synchronized CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
        return level;
    }

    @Override
    public synchronized void deleteSubjectCompatibility(String subject) {
        if (subjectLevels.remove(subject) == null) {
            throw new SubjectNotFoundException("Subject '" + subject + "' not found.");
        }
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<SubjectVersion> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SubjectNotFoundException("Subject '" + subject + "' not found.");
        }
        boolean anyLive = versions.stream().anyMatch(v -> !v.deleted);
        if (permanent) {
            if (anyLive) {
                throw SchemaRegistryException.of(404, SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED, "Subject '"
                        + subject + "' was not deleted first before being permanently deleted");
            }
            subjects.remove(subject);
            subjectLevels.remove(subject);
            return versions.stream().map(v -> v.version).toList();
        }
        if (!anyLive) {
            throw SchemaRegistryException.of(404, SchemaRegistryException.SUBJECT_SOFT_DELETED,
                    "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
        }
        List<Integer> deleted = new ArrayList<>();
        for (SubjectVersion v : versions) {
            if (!v.deleted) {
                v.deleted = true;
                deleted.add(v.version);
            }
        }
        return deleted;
    }

    @Override
    public synchronized int deleteVersion(String subject, int version, boolean permanent) {
        checkVersionNumber(version);
        List<SubjectVersion> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SubjectNotFoundException("Subject '" + subject + "' not found.");
        }
        SubjectVersion target = versions.stream().filter(v -> v.version == version).findFirst()
                .orElseThrow(() -> new VersionNotFoundException("Version " + version + " not found."));
        if (permanent) {
            if (!target.deleted) {
                throw SchemaRegistryException.of(404, SchemaRegistryException.VERSION_NOT_SOFT_DELETED, "Subject '"
                        + subject + "' Version " + version + " was not deleted first before being permanently deleted");
            }
            versions.remove(target);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
            return version;
        }
        if (target.deleted) {
            throw SchemaRegistryException.of(404, SchemaRegistryException.VERSION_SOFT_DELETED, "Subject '" + subject
                    + "' Version " + version + " was soft deleted.Set permanent=true to delete permanently");
        }
        target.deleted = true;
        return version;
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<SubjectVersion> liveVersions(String subject) {
        List<SubjectVersion> live = subjects.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted).toList();
        if (live.isEmpty()) {
            throw new SubjectNotFoundException("Subject '" + subject + "' not found.");
        }
        return live;
    }

    private SubjectVersion liveVersion(String subject, int version) {
        checkVersionNumber(version);
        return liveVersions(subject).stream().filter(v -> v.version == version).findFirst()
                .orElseThrow(() -> new VersionNotFoundException("Version " + version + " not found."));
    }

    private static void checkVersionNumber(int version) {
        if (version < 1) {
            throw new InvalidVersionException("The specified version '" + version + "' is not a valid version id. "
                    + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
    }

    private RegisteredSchema describe(String subject, SubjectVersion version) {
        return new RegisteredSchema(subject, version.version, version.id, schemasById.get(version.id));
    }

    /** Mutable only under the client's lock: a soft delete flips {@code deleted}. */
    private static final class SubjectVersion {
        final int version;
        final int id;
        boolean deleted;

        SubjectVersion(int version, int id) {
            this.version = version;
            this.id = id;
        }
    }
}
