package org.medpulse.streams.state;

import java.util.List;
import java.util.Map;

import org.medpulse.avro.MarketDriver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Value of {@code drivers-by-wave}, and the market-driver part of answers: over some latest
 * responses asked about market drivers (schema v2 with the column), how many were asked and the
 * count per driver (a driver named twice in one response counts once), each with its respondents'
 * key sum. Responses not asked contribute nothing here. Immutable; {@link #plus} merges the counts
 * of disjoint respondents.
 */
public final class DriverCounts implements Counts<DriverCounts> {

    private static final Choices<MarketDriver> DRIVERS = new Choices<>(MarketDriver.class);
    private static final int FORMAT = 1;

    public static final DriverCounts EMPTY = new DriverCounts(DRIVERS.zeros());

    private final Tallies tallies;

    private DriverCounts(Tallies tallies) {
        this.tallies = tallies;
    }

    /** The contribution of a response asked about market drivers (see {@link LatestResponse#driversAsked()}). */
    public static DriverCounts of(LatestResponse response) {
        if (!response.driversAsked()) {
            throw new IllegalArgumentException("Response " + response.responseId() + " was not asked about market drivers");
        }
        return new DriverCounts(DRIVERS.one(response.marketDrivers(), response.recordKey()));
    }

    @Override
    public DriverCounts plus(DriverCounts other) {
        return new DriverCounts(tallies.combine(other.tallies, 1));
    }

    @Override
    public DriverCounts minus(DriverCounts other) {
        return new DriverCounts(tallies.combine(other.tallies, -1));
    }

    /** The respondents asked about market drivers (not those of v1 records or files without the column). */
    public long asked() {
        return tallies.n(0);
    }

    public Count askedCount() {
        return tallies.count(0);
    }

    public long driver(MarketDriver driver) {
        return driverCount(driver).n();
    }

    public Count driverCount(MarketDriver driver) {
        return DRIVERS.count(tallies, driver);
    }

    /** Every driver symbol, zeros included. */
    public Map<MarketDriver, Long> drivers() {
        return DRIVERS.all(tallies);
    }

    @Override
    public boolean isEmpty() {
        return tallies.isEmpty();
    }

    byte[] toBytes() {
        CompactWriter out = new CompactWriter(8 + 6 * DRIVERS.size()).writeByte(FORMAT);
        tallies.write(out);
        return out.toByteArray();
    }

    static DriverCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        in.readFormat("driver counts", FORMAT);
        return new DriverCounts(Tallies.read(in, DRIVERS.size(), true));
    }

    @JsonCreator
    static DriverCounts fromJson(@JsonProperty("asked") List<Long> asked,
                                 @JsonProperty("drivers") Map<String, List<Long>> drivers) {
        return new DriverCounts(DRIVERS.fromJson(asked, drivers));
    }

    @JsonProperty("asked")
    private List<Long> askedJson() {
        return Tallies.pair(askedCount());
    }

    @JsonProperty("drivers")
    private Map<String, List<Long>> driversJson() {
        return DRIVERS.toJson(tallies);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverCounts other && tallies.equals(other.tallies);
    }

    @Override
    public int hashCode() {
        return tallies.hashCode();
    }

    @Override
    public String toString() {
        return "DriverCounts{asked=" + askedCount() + ", drivers=" + driversJson() + "}";
    }
}
