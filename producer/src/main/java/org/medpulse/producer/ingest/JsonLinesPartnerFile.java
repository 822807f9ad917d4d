package org.medpulse.producer.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A partner JSON Lines file: one JSON object per line, with the CSV column names as field names
 * (case-insensitive). List fields may be JSON arrays or the same {@code |}-separated strings as in
 * CSV; tools may also be {@code {"tool": …, "frequency": …}} objects. A field whose value is
 * {@code null} counts as absent: for {@code market_drivers}, not asked (where {@code []} or
 * {@code ""} is asked, none named). A line that is not a JSON object is a rejected row. The file is
 * streamed, one line at a time.
 */
public final class JsonLinesPartnerFile implements PartnerFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final FileLines.Source source;
    private final Path path;
    private final Consumer<String> warnings;
    private final Set<String> warnedFields = new HashSet<>();

    private JsonLinesPartnerFile(FileLines.Source source, Consumer<String> warnings) {
        this.source = source;
        this.path = source.path();
        this.warnings = warnings;
    }

    static JsonLinesPartnerFile of(FileLines.Source source, Consumer<String> warnings) {
        return new JsonLinesPartnerFile(source, warnings);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public Stream<ReadRow> rows() {
        FileLines lines;
        try {
            lines = source.lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileLines.stream(lines, () -> {
            FileLines.Line line = lines.next();
            while (line != null && line.text().isBlank() && !line.tooLong()) {
                line = lines.next();
            }
            return line == null ? null : toRow(line);
        });
    }

    private ReadRow toRow(FileLines.Line line) {
        if (line.tooLong()) {
            return Reject.ofRow(line.number(), FileLines.tooLongReason("a line"), line.text());
        }
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            return Reject.ofRow(line.number(), "not valid JSON: " + e.getOriginalMessage(), line.text());
        } catch (IOException e) {
            return Reject.ofRow(line.number(), "not valid JSON: " + e.getMessage(), line.text());
        }
        if (!node.isObject()) {
            return Reject.ofRow(line.number(), "expected a JSON object, found " + describe(node), line.text());
        }
        Map<Column, Cell> cells = new EnumMap<>(Column.class);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Column column = Column.byHeaderName(field.getKey()).orElse(null);
            if (column == null) {
                warnOnce(field.getKey(), line.number());
                continue;
            }
            if (cells.containsKey(column)) {
                return new Reject(line.number(), column.headerName(), "field given twice", line.text());
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            try {
                cells.put(column, cell(column, value));
            } catch (IllegalArgumentException e) {
                return new Reject(line.number(), column.headerName(), e.getMessage(), line.text());
            }
        }
        return new SourceRow(line.number(), cells, line.text());
    }

    private static Cell cell(Column column, JsonNode value) {
        if (value.isValueNode()) {
            return Cell.text(value.asText());
        }
        if (!column.list() || !value.isArray()) {
            throw new IllegalArgumentException("expected " + (column.list() ? "a string or an array" : "a single value")
                    + ", found " + describe(value));
        }
        if (column == Column.TOOLS) {
            List<ToolText> tools = new ArrayList<>();
            for (JsonNode item : value) {
                if (item.isObject()) {
                    tools.add(toolObject(item));
                } else if (item.isValueNode() && !item.isNull()) {
                    tools.add(ToolText.parse(item.asText()));
                } else if (!item.isNull()) {
                    throw new IllegalArgumentException("expected tool entries (strings or objects), found " + describe(item));
                }
            }
            return new Cell.Tools(tools);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isValueNode() && !item.isNull()) {
                items.add(item.asText());
            } else if (!item.isNull()) {
                throw new IllegalArgumentException("expected an array of strings, found " + describe(item) + " in it");
            }
        }
        return new Cell.Items(items);
    }

    private static ToolText toolObject(JsonNode object) {
        String name = null;
        String frequency = null;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey().strip();
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isValueNode()) {
                throw new IllegalArgumentException("tool field '" + key + "' must be a string, found " + describe(value));
            }
            String text = value.isNull() ? null : value.asText();
            if (key.equalsIgnoreCase("tool")) {
                name = text;
            } else if (key.equalsIgnoreCase("frequency")) {
                frequency = text;
            } else {
                throw new IllegalArgumentException("unknown field '" + key
                        + "' in a tool object; expected {\"tool\": …, \"frequency\": …}");
            }
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tool object " + object + " has no \"tool\" name");
        }
        return new ToolText(name, frequency);
    }

    private void warnOnce(String field, long line) {
        if (warnedFields.add(field)) {
            warnings.accept(path + ": ignoring unknown field '" + field + "' (first seen on line " + line + ")");
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
