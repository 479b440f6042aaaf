package it.lifecycle;

/**
 * Counters that outlive the applications that bump them: JVM-wide system properties, read by the
 * probe application.
 */
public final class ServerCounters {

    /** Link events the redeployed applications observed. */
    public static final String EVENTS = "it.redeploy.events";

    /** Link events observed by an application after its application context was destroyed. */
    public static final String LATE_EVENTS = "it.redeploy.late-events";

    /** Redeployed applications whose application context was destroyed. */
    public static final String STOPPED = "it.redeploy.stopped";

    private ServerCounters() {}

    /** Adds one to a counter, atomically across applications. */
    public static void increment(String name) {
        // Properties.compute is synchronized on the JVM's one Properties object.
        System.getProperties()
                .compute(
                        name,
                        (key, value) ->
                                String.valueOf(
                                        value == null ? 1 : Long.parseLong((String) value) + 1));
    }

    /** Returns a counter's value, zero if it was never bumped. */
    public static long value(String name) {
        return Long.parseLong(System.getProperty(name, "0"));
    }
}
