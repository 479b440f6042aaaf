package one.aisa.xlink.internal.client;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import jakarta.ws.rs.core.Response;

/**
 * Drops the connection under a response that was not read to its end.
 *
 * <p>Limitation: JAX-RS offers no way to abort a response. {@link Response#close()} on the Rest
 * Client of Open Liberty (RESTEasy on Apache HttpClient 4) drains the rest of the body so that the
 * connection can be reused, which against a server that trickles its body in keeps a worker thread
 * and a connection busy long after the request's deadline. This looks, by reflection, for the
 * HttpClient entity stream the response holds and calls its public {@code abortConnection()}. Where
 * no such stream is found (another runtime), the response is only closed, which is correct but may
 * drain; the caller is released at the deadline either way. A standard abort in JAX-RS or
 * MicroProfile Rest Client would remove this.
 */
final class ConnectionAbort {

    private static final System.Logger LOG = System.getLogger(ConnectionAbort.class.getName());

    private ConnectionAbort() {}

    /** Aborts the connection if the runtime allows it, then closes the response. */
    static void abortAndClose(Response response) {
        try {
            abort(response);
        } finally {
            response.close();
        }
    }

    private static void abort(Object response) {
        try {
            for (Class<?> type = response.getClass();
                    type != null && type != Object.class;
                    type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    field.setAccessible(true);
                    Object value = field.get(response);
                    Method abort =
                            value == null
                                    ? null
                                    : publicMethod(value.getClass(), "abortConnection");
                    if (abort != null) {
                        abort.invoke(value);
                        return;
                    }
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "AISAX080: no abortable stream found; closing only");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () ->
                            "AISAX080: aborting the connection failed ("
                                    + cause.getClass().getName()
                                    + "); closing only");
        }
    }

    private static Method publicMethod(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return Modifier.isPublic(method.getDeclaringClass().getModifiers()) ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
