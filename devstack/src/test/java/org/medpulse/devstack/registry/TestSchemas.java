package org.medpulse.devstack.registry;

/** Small Avro schemas for registry tests. */
final class TestSchemas {

    /** A wave record with the fields given as JSON objects. */
    static String wave(String... fields) {
        return "{\"type\":\"record\",\"name\":\"Wave\",\"namespace\":\"org.medpulse.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":" + type + "}";
    }

    static String field(String name, String type, String defaultValue) {
        return "{\"name\":\"" + name + "\",\"type\":" + type + ",\"default\":" + defaultValue + "}";
    }

    static final String WAVE_ID = field("waveId", "\"string\"");
    static final String LABEL = field("label", "\"string\"");
    static final String LABEL_WITH_DEFAULT = field("label", "\"string\"", "\"none\"");
    static final String REGION = field("region", "[\"null\",\"string\"]", "null");

    /** v1 of the wave schema: waveId, label. */
    static final String V1 = wave(WAVE_ID, LABEL);

    private TestSchemas() {
    }
}
