package org.medpulse.serde;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.medpulse.serde.registry.RegistryClientConfig;

/**
 * The serdes' settings, under the keys Confluent's serializers use, so that existing client
 * configurations work unchanged: how subjects are named and schemas registered or looked up,
 * plus every setting of the registry client ({@link RegistryClientConfig}), which a serde creates
 * from the same configuration. Each setting is declared once with its type, default, validation
 * and doc.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    /** The registry client's keys, named here too for the serdes' users (Confluent's serde configs name them). */
    public static final String SCHEMA_REGISTRY_URL = RegistryClientConfig.SCHEMA_REGISTRY_URL;
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE;
    public static final String BASIC_AUTH_USER_INFO = RegistryClientConfig.BASIC_AUTH_USER_INFO;
    public static final String BEARER_AUTH_TOKEN = RegistryClientConfig.BEARER_AUTH_TOKEN;

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private static final ConfigDef DEFINITION = RegistryClientConfig.define(new ConfigDef())
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Register the record's schema when serialising if the subject does not have it yet. When "
                            + "false, the schema must already be registered under the subject (or "
                            + "use.latest.version applies).")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Serialise with the subject's latest registered schema instead of the record's own: records are "
                            + "converted to it by Avro schema resolution, which fails clearly if the latest schema "
                            + "cannot read the record's. Requires auto.register.schemas=false (the serializer refuses "
                            + "the combination, where Confluent silently ignores use.latest.version). The latest "
                            + "version is looked up once per subject for the serializer's lifetime.")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, SubjectNameStrategy.TOPIC_NAME.className(),
                    Importance.MEDIUM,
                    "How the subject of a key schema is named: " + SubjectNameStrategy.documentation())
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, SubjectNameStrategy.TOPIC_NAME.className(),
                    Importance.MEDIUM,
                    "How the subject of a value schema is named: " + SubjectNameStrategy.documentation())
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Decode into the generated SpecificRecord classes rather than GenericRecord.");

    private final Map<String, ?> props;

    public AvroSerdeConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
        this.props = props;
    }

    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /** The registry client's settings, from the same properties. */
    public RegistryClientConfig registryClient() {
        return new RegistryClientConfig(props);
    }

    /** The registry URL setting as given (comma-separated when several). */
    public String registryUrl() {
        return registryClient().registryUrl();
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategy.parse(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY));
    }
}
