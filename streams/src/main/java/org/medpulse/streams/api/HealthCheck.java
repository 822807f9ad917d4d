package org.medpulse.streams.api;

/** What {@code /health/live} and {@code /health/ready} report. */
public interface HealthCheck {

    /** The process works (it may still be starting): 200; otherwise 503 and it should be restarted. */
    Status live();

    /** This instance can answer queries now: 200; otherwise 503 (starting, restoring, rebalancing). */
    Status ready();

    /** {@code state} is the Kafka Streams state; {@code detail} says why when not up. */
    record Status(boolean up, String state, String detail) {

        public static Status up(String state) {
            return new Status(true, state, null);
        }

        public static Status down(String state, String detail) {
            return new Status(false, state, detail);
        }
    }
}
