package org.medpulse.producer.publish;

import org.medpulse.avro.SurveyResponse;

/** The record key of a response: {@code partnerId + "/" + respondentId}, so a respondent's answers share a partition. */
public final class ResponseKeys {

    private ResponseKeys() {
    }

    public static String keyOf(SurveyResponse response) {
        return response.getPartnerId() + "/" + response.getRespondentId();
    }
}
