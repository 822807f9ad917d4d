package org.medpulse.serde.registry;

/** The subject does not exist (or has only soft-deleted versions): HTTP 404, error_code 40401. */
public class SubjectNotFoundException extends SchemaRegistryException {

    public SubjectNotFoundException(String message) {
        super(404, SUBJECT_NOT_FOUND, message);
    }
}
