package org.medpulse.devstack.registry.core;

/** A subject's version with its schema, as {@code GET /subjects/{s}/versions/{v}} shows it. */
public record RegisteredVersion(String subject, int version, int id, String schema) {
}
