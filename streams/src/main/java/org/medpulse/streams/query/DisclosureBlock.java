package org.medpulse.streams.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code "disclosure"} in every answer, naming the method its figures come from:
 * {@code {"method":"suppress","k":5}} or {@code {"method":"cell-key","D":5,"V":3.0,"js":3}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"method", "k", "D", "V", "js"})
public record DisclosureBlock(String method, Integer k, @JsonProperty("D") Integer d, @JsonProperty("V") Double v,
                              Integer js) {

    public static final String SUPPRESS = "suppress";
    public static final String CELL_KEY = "cell-key";

    public static DisclosureBlock suppression(int k) {
        return new DisclosureBlock(SUPPRESS, k, null, null, null);
    }

    public static DisclosureBlock cellKey(int d, double v, int js) {
        return new DisclosureBlock(CELL_KEY, null, d, v, js);
    }
}
