package org.medpulse.schemas;

import org.medpulse.avro.SurveyResponse;

/**
 * The record key of a response on {@link Topics#SURVEY_RESPONSES}: {@code partnerId/respondentId}.
 * Every response of a respondent thus lands in the same partition, which is what lets the streams
 * application decide a respondent's latest response without a repartition topic. Producers write
 * it; the streams application refuses a record whose key is anything else.
 */
public final class ResponseKey {

    private static final char SEPARATOR = '/';

    private ResponseKey() {
    }

    public static String of(String partnerId, String respondentId) {
        return partnerId + SEPARATOR + respondentId;
    }

    public static String of(SurveyResponse response) {
        return of(response.getPartnerId(), response.getRespondentId());
    }
}
