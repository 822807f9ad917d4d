package org.medpulse.devstack.registry.core;

import java.util.ArrayList;
import java.util.List;

import org.medpulse.serde.registry.CompatibilityCheck;
import org.medpulse.serde.registry.CompatibilityLevel;

/**
 * Decides whether a candidate schema may follow earlier versions under a compatibility level. The
 * Avro rule of each level is the shared {@link CompatibilityLevel#check}; this class picks the
 * versions a registration is checked against and reports the first one that refuses the
 * candidate as Confluent does: the incompatibilities, then {@code {oldSchemaVersion: n}},
 * {@code {oldSchema: '…'}} and {@code {compatibility: 'LEVEL'}}.
 */
public final class CompatibilityChecker {

    /** An earlier version of the subject, to check a candidate against. */
    public record PreviousVersion(int version, NormalizedSchema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * Checks {@code candidate} against {@code previous} (oldest first, soft-deleted versions left
     * out): the latest only, or all of them, newest first, for transitive levels.
     *
     * @return why the candidate is incompatible; empty when it is compatible
     */
    public static List<String> check(CompatibilityLevel level, NormalizedSchema candidate,
                                     List<PreviousVersion> previous) {
        if (previous.isEmpty()) {
            return List.of();
        }
        List<PreviousVersion> toCheck = level.transitive()
                ? previous
                : previous.subList(previous.size() - 1, previous.size());
        for (int i = toCheck.size() - 1; i >= 0; i--) {
            PreviousVersion old = toCheck.get(i);
            CompatibilityCheck verdict = level.check(candidate.avro(), List.of(old.schema().avro()));
            if (!verdict.compatible()) {
                List<String> messages = new ArrayList<>(verdict.messages());
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema().text() + "'}");
                messages.add("{compatibility: '" + level + "'}");
                return messages;
            }
        }
        return List.of();
    }
}
