package org.medpulse.devstack.registry;

/** Small Avro schemas for registry tests. */
public final class TestSchemas {

    /** A wave record with the fields given as JSON objects. */
    public static String wave(String... fields) {
        return "{\"type\":\"record\",\"name\":\"Wave\",\"namespace\":\"org.medpulse.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    public static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":" + type + "}";
    }

    public static String field(String name, String type, String defaultValue) {
        return "{\"name\":\"" + name + "\",\"type\":" + type + ",\"default\":" + defaultValue + "}";
    }

    public static final String WAVE_ID = field("waveId", "\"string\"");
    public static final String LABEL = field("label", "\"string\"");
    public static final String LABEL_WITH_DEFAULT = field("label", "\"string\"", "\"none\"");
    public static final String REGION = field("region", "[\"null\",\"string\"]", "null");

    /** v1 of the wave schema: waveId, label. */
    public static final String V1 = wave(WAVE_ID, LABEL);

    private TestSchemas() {
    }
}
