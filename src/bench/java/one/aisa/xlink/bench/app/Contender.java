package one.aisa.xlink.bench.app;

/**
 * One way of calling {@code auth_twitter}: {@link #call()} is timed, {@link #after(Object)} is not
 * (the linker's contenders cancel the link there, so pending links do not pile up).
 */
interface Contender {

    /** Makes one call and returns what it produced. */
    Object call() throws Exception;

    /** Cleans up after a call, outside the timed region. */
    default void after(Object result) {}
}
