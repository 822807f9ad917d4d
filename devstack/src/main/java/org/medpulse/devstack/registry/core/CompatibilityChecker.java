package org.medpulse.devstack.registry.core;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Decides whether a candidate schema may follow earlier versions under a compatibility level,
 * with Avro's own reader/writer rules ({@link SchemaCompatibility}), and says why not in the
 * message format Confluent uses ({@code {errorType:'…', description:'…', additionalInfo:'…'}},
 * then the old version, the old schema and the level).
 */
public final class CompatibilityChecker {

    private static final String NEW_SCHEMA = "new schema";
    private static final String OLD_SCHEMA = "old schema";

    /** An earlier version of the subject, to check a candidate against. */
    public record PreviousVersion(int version, NormalizedSchema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * Checks {@code candidate} against {@code previous} (oldest first, soft-deleted versions left
     * out): the latest only, or all of them for transitive levels.
     *
     * @return why the candidate is incompatible; empty when it is compatible
     */
    public static List<String> check(CompatibilityLevel level, NormalizedSchema candidate,
                                     List<PreviousVersion> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<PreviousVersion> toCheck = level.isTransitive()
                ? previous
                : previous.subList(previous.size() - 1, previous.size());
        for (int i = toCheck.size() - 1; i >= 0; i--) {
            List<String> messages = checkOne(level, candidate, toCheck.get(i));
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        return List.of();
    }

    private static List<String> checkOne(CompatibilityLevel level, NormalizedSchema candidate,
                                         PreviousVersion previous) {
        List<String> messages = new ArrayList<>();
        if (level.checksBackward()) {
            describe(incompatibilities(candidate.avro(), previous.schema().avro()), NEW_SCHEMA, OLD_SCHEMA, messages);
        }
        if (level.checksForward()) {
            describe(incompatibilities(previous.schema().avro(), candidate.avro()), OLD_SCHEMA, NEW_SCHEMA, messages);
        }
        if (!messages.isEmpty()) {
            messages.add("{oldSchemaVersion: " + previous.version() + "}");
            messages.add("{oldSchema: '" + previous.schema().text() + "'}");
            messages.add("{compatibility: '" + level + "'}");
        }
        return messages;
    }

    private static List<Incompatibility> incompatibilities(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities();
    }

    private static void describe(List<Incompatibility> found, String reader, String writer, List<String> messages) {
        for (Incompatibility incompatibility : found) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'"
                    + description(incompatibility, reader, writer) + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
    }

    private static String description(Incompatibility incompatibility, String reader, String writer) {
        String location = incompatibility.getLocation();
        String detail = incompatibility.getMessage();
        return switch (incompatibility.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + detail + "' at path '" + location + "' in the "
                    + reader + " has no default value and is missing in the " + writer;
            case TYPE_MISMATCH -> "The type (path '" + location + "') of a field in the " + reader
                    + " does not match with the " + writer;
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + location + "')";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " is missing enum symbols '" + detail + "' at path '"
                    + location + "' in the " + writer;
            case MISSING_UNION_BRANCH -> "The " + reader + " is missing a type inside a union field at path '"
                    + location + "' in the " + writer;
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + location + "' in the " + reader
                    + " does not match with the " + writer;
        };
    }
}
