package org.medpulse.serde.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's seven compatibility levels, with the Avro rule each one applies. BACKWARD: the new
 * schema can read data written with the old one (consumers upgrade first); FORWARD: the old schema
 * can read data written with the new one (producers upgrade first); FULL: both. The transitive
 * levels check against every earlier version, the others against the latest only.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The level a registry applies when neither the subject nor the global config sets one. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public boolean transitive() {
        return transitive;
    }

    /** Parses a level as the REST API spells it, case-insensitively; fails with 42203 otherwise. */
    public static CompatibilityLevel parse(String value) {
        if (value != null) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below, with the valid values
            }
        }
        throw new InvalidCompatibilityLevelException("Invalid compatibility level '" + value
                + "'. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, "
                + "and full_transitive");
    }

    /**
     * Checks {@code candidate} against the registered versions ({@code existing}, oldest first): all
     * of them for a transitive level, the last one otherwise.
     */
    public CompatibilityCheck check(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return CompatibilityCheck.ok();
        }
        List<Schema> against = transitive ? existing : existing.subList(existing.size() - 1, existing.size());
        List<String> messages = new ArrayList<>();
        for (Schema old : against) {
            if (backward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "BACKWARD", messages);
            }
            if (forward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "FORWARD", messages);
            }
        }
        return messages.isEmpty() ? CompatibilityCheck.ok() : CompatibilityCheck.failed(messages);
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility pair, String direction,
            List<String> messages) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add(String.format("{errorType:'%s', description:'%s', location:'%s', direction:'%s'}",
                    incompatibility.getType(), incompatibility.getMessage(), incompatibility.getLocation(),
                    direction));
        }
    }
}
