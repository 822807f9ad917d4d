package org.medpulse.devstack.registry.core;

/** Which subjects or versions a listing shows, from the {@code deleted} and {@code deletedOnly} parameters. */
public enum LookupFilter {
    /** Only what is not soft-deleted. */
    LIVE,
    /** Live and soft-deleted. */
    INCLUDE_DELETED,
    /** Only the soft-deleted. */
    DELETED_ONLY;

    /** {@code deletedOnly} wins when both are set, as in Confluent. */
    public static LookupFilter of(boolean deleted, boolean deletedOnly) {
        if (deletedOnly) {
            return DELETED_ONLY;
        }
        return deleted ? INCLUDE_DELETED : LIVE;
    }

    boolean shows(boolean isDeleted) {
        return switch (this) {
            case LIVE -> !isDeleted;
            case INCLUDE_DELETED -> true;
            case DELETED_ONLY -> isDeleted;
        };
    }

    boolean includesDeleted() {
        return this != LIVE;
    }
}
