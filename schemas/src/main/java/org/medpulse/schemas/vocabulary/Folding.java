package org.medpulse.schemas.vocabulary;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text folding shared by every place that matches what people type (partner files, API filters,
 * tool names): accents stripped, case folded.
 */
public final class Folding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Folding() {
    }

    /** Lower case without accents: {@code "Spécialiste"} → {@code "specialiste"}. */
    public static String foldAccentsAndCase(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
