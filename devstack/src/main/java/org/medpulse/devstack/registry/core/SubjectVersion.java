package org.medpulse.devstack.registry.core;

/** A version of a subject: which schema id it holds, and whether it is soft-deleted. */
public record SubjectVersion(String subject, int version, int id, boolean deleted) {

    SubjectVersion markedDeleted() {
        return new SubjectVersion(subject, version, id, true);
    }
}
