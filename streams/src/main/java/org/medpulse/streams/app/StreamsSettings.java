package org.medpulse.streams.app;

import java.util.HashMap;
import java.util.Map;

import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;

/**
 * The one place an instance's flat settings (command-line options and {@code --kafka-property}
 * entries) are split into typed configurations, each built once: the API's ({@code api.*}, the
 * token among them) and the application's, which in turn hands Kafka Streams, the serde and the
 * admin client only their own settings. No setting reaches a client it is not for.
 */
public record StreamsSettings(MedPulseStreamsConfig streams, SurveyApiConfig api) {

    public static StreamsSettings of(Map<String, ?> settings) {
        Map<String, Object> api = new HashMap<>();
        Map<String, Object> rest = new HashMap<>();
        settings.forEach((key, value) -> (key.startsWith(SurveyApiConfig.PREFIX) ? api : rest).put(key, value));
        return new StreamsSettings(new MedPulseStreamsConfig(rest), new SurveyApiConfig(api));
    }
}
