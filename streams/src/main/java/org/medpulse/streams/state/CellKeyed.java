package org.medpulse.streams.state;

/** A store key that names the {@link Cell} its counts belong to, so that a filter can keep or skip it. */
public interface CellKeyed {

    Cell cell();
}
