package org.medpulse.devstack.registry.core;

/**
 * A version in a request path: 1 to 2^31-1, or {@code latest} (also written {@code -1}), as
 * Confluent's {@code VersionId} accepts.
 */
public record VersionId(int number) {

    private static final int LATEST = -1;

    public static VersionId parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("latest")) {
            return new VersionId(LATEST);
        }
        int number;
        try {
            number = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
        if (number <= 0 && number != LATEST) {
            throw RegistryException.invalidVersion(text);
        }
        return new VersionId(number);
    }

    public boolean isLatest() {
        return number == LATEST;
    }

    @Override
    public String toString() {
        return isLatest() ? "latest" : Integer.toString(number);
    }
}
