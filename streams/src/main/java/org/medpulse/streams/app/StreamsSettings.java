package org.medpulse.streams.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;

/**
 * The one place an instance's flat settings (command-line options and {@code --kafka-property}
 * entries) are split into typed configurations, each built once: the API's ({@code api.*}, tokens
 * and disclosure among them) and the application's, which in turn hands Kafka Streams, the serde
 * and the admin client only their own settings. No setting reaches a client it is not for.
 */
public record StreamsSettings(MedPulseStreamsConfig streams, SurveyApiConfig api) {

    /**
     * The settings, checked together: an instance reachable beyond loopback must know who asks
     * (audiences configured), since without them it answers everyone as an analyst.
     *
     * @throws ConfigException for a value a configuration refuses, or an open bind address without audiences
     */
    public static StreamsSettings of(Map<String, ?> settings) {
        Map<String, Object> api = new HashMap<>();
        Map<String, Object> rest = new HashMap<>();
        settings.forEach((key, value) -> (key.startsWith(SurveyApiConfig.PREFIX) ? api : rest).put(key, value));
        StreamsSettings checked = new StreamsSettings(new MedPulseStreamsConfig(rest), new SurveyApiConfig(api));
        String host = checked.streams().httpHost();
        if (!isLoopback(host) && !checked.api().audiencesConfigured()) {
            throw new ConfigException(MedPulseStreamsConfig.HTTP_HOST, host, "Binding beyond loopback needs API audiences:"
                    + " configure tokens (" + SurveyApiConfig.API_TOKENS_FILE + ", or " + SurveyApiConfig.API_TOKENS
                    + " from MEDPULSE_API_TOKENS) or the public's method (" + SurveyApiConfig.DISCLOSURE + "), so that"
                    + " nobody out there gets analysts' figures");
        }
        return checked;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(MedPulseStreamsConfig.HTTP_HOST, host, "Unknown host");
        }
    }
}
