package org.medpulse.streams.api.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.medpulse.streams.query.Audience;

/**
 * The API tokens an instance accepts, each naming its audience. Tokens come from settings that
 * never show on a command line (a file, or an environment variable the command reads); a token
 * is compared in constant time against every configured one, so neither a token nor its audience
 * can be found byte by byte. Immutable.
 */
public final class ApiTokens {

    private static final ApiTokens NONE = new ApiTokens(List.of());

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ApiTokens none() {
        return NONE;
    }

    /**
     * The tokens of the settings: a single legacy analyst token, {@code audience:token} entries
     * separated by commas or white space, and a file of {@code <audience> <token>} lines.
     *
     * @throws ConfigException naming the setting and line of an unknown audience, a malformed entry,
     *         an unreadable file, or a token given for two audiences
     */
    static ApiTokens parse(Password single, Password list, String file) {
        List<Entry> entries = new ArrayList<>();
        if (single != null && !single.value().isEmpty()) {
            entries.add(new Entry(Audience.ANALYST, single.value()));
        }
        if (list != null) {
            for (String item : list.value().trim().split("[,\\s]+")) {
                if (item.isEmpty()) {
                    continue;
                }
                int colon = item.indexOf(':');
                if (colon <= 0 || colon == item.length() - 1) {
                    throw new ConfigException(SurveyApiConfig.API_TOKENS + ": an entry is not 'audience:token'"
                            + " (the entries are not repeated here, being secrets)");
                }
                entries.add(new Entry(audience(item.substring(0, colon), SurveyApiConfig.API_TOKENS), item.substring(colon + 1)));
            }
        }
        if (file != null) {
            entries.addAll(readFile(Path.of(file)));
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(i).token, entries.get(j).token)
                        && entries.get(i).audience != entries.get(j).audience) {
                    throw new ConfigException("One API token is configured for two audiences ("
                            + entries.get(i).audience.label() + " and " + entries.get(j).audience.label() + ")");
                }
            }
        }
        return entries.isEmpty() ? NONE : new ApiTokens(entries);
    }

    private static List<Entry> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(SurveyApiConfig.API_TOKENS_FILE + ": cannot read " + file + ": " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = file + " line " + (i + 1);
            if (fields.length != 2) {
                throw new ConfigException(where + ": expected '<audience> <token>' (audience analyst or public)");
            }
            entries.add(new Entry(audience(fields[0], where), fields[1]));
        }
        return entries;
    }

    private static Audience audience(String label, String where) {
        return Audience.byLabel(label).orElseThrow(() -> new ConfigException(where + ": unknown audience '" + label
                + "' (analyst or public)"));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The audience {@code presented} names, empty if it is no configured token. */
    public Optional<Audience> audienceOf(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        Audience found = null;
        // Every entry is compared, so that the time taken does not tell which one matched.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(bytes, entry.token) && found == null) {
                found = entry.audience;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "ApiTokens{" + entries.size() + " hidden}";
    }

    private record Entry(Audience audience, byte[] token) {
        Entry(Audience audience, String token) {
            this(audience, token.getBytes(StandardCharsets.UTF_8));
        }
    }
}
