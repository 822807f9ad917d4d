package org.medpulse.streams.state;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The aggregate keys a task's contributions go to, each made once and then handed out again. A
 * response contributes to four or more keys, and a correction takes the same ones back: encoding
 * each key anew (its components' UTF-8, joined), then hashing and comparing its fresh bytes in the
 * write-behind maps, was about a tenth of the stream thread's samples in the replay benchmark. A task
 * meets the same few cells of a wave (and their days and tools) again and again, so a key found here
 * is also the very object the write-behind store already holds: its hash is cached and it compares
 * by identity. Keys are immutable and equal to freshly made ones, so results do not change.
 *
 * <p>Holds at most {@value #LIMIT} keys, beyond which it starts afresh. One per task: not
 * thread-safe.
 */
public final class ContributionKeys {

    // Keys kept (a few thousand per wave), beyond which all are dropped and made again.
    static final int LIMIT = 20_000;

    private record WaveCell(String wave, Cell cell) {
    }

    // One cell of one wave: its key, and those of its days and tools.
    static final class CellKeys {
        private final String wave;
        private final Cell cell;
        final CellKey key;
        private final Map<LocalDate, DayKey> days = new HashMap<>();
        private final Map<String, ToolKey> tools = new HashMap<>();

        private CellKeys(String wave, Cell cell) {
            this.wave = wave;
            this.cell = cell;
            this.key = CellKey.of(wave, cell);
        }
    }

    private final Map<WaveCell, CellKeys> cells = new HashMap<>();
    private int size;

    /** The keys of {@code cell} in {@code wave}. */
    CellKeys of(String wave, Cell cell) {
        WaveCell place = new WaveCell(wave, cell);
        CellKeys keys = cells.get(place);
        if (keys == null) {
            makeRoom();
            keys = new CellKeys(wave, cell);
            cells.put(place, keys);
        }
        return keys;
    }

    DayKey day(CellKeys keys, LocalDate day) {
        DayKey key = keys.days.get(day);
        if (key == null) {
            makeRoom();
            key = DayKey.of(day, keys.wave, keys.cell);
            keys.days.put(day, key);
        }
        return key;
    }

    ToolKey tool(CellKeys keys, String tool) {
        ToolKey key = keys.tools.get(tool);
        if (key == null) {
            makeRoom();
            key = ToolKey.of(keys.wave, tool, keys.cell);
            keys.tools.put(tool, key);
        }
        return key;
    }

    // Counts one more key, dropping them all first when full (the caller's CellKeys stays usable:
    // it is just no longer shared).
    private void makeRoom() {
        if (size >= LIMIT) {
            cells.clear();
            size = 0;
        }
        size++;
    }
}
