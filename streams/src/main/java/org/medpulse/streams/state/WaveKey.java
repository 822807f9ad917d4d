package org.medpulse.streams.state;

/**
 * Key of {@code waves}: the wave id alone. Its bytes are the id's UTF-8, as when the store was
 * keyed by plain strings, so existing stores and changelogs read the same.
 */
public final class WaveKey extends OrderedKey {

    // Every answer about a wave asks each partition whether it holds the wave: one instance per wave (see Interned).
    private static final Interned<String, KeyRange<WaveKey>> ONLY = Interned.upTo(MAX_INTERNED_RANGES, wave -> {
        WaveKey key = of(wave);
        return new KeyRange<>(key, key);
    });

    private WaveKey(byte[] bytes) {
        super(bytes);
    }

    public static WaveKey of(String wave) {
        return new WaveKey(encode(wave));
    }

    public static WaveKey fromBytes(byte[] bytes) {
        return new WaveKey(bytes);
    }

    /** Exactly {@code wave}. */
    public static KeyRange<WaveKey> only(String wave) {
        return ONLY.get(wave);
    }

    public String wave() {
        return component(0);
    }
}
