package one.aisa.xlink.internal.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import one.aisa.xlink.XLinkUnavailableException;

/**
 * Makes the {@code auth_twitter} call and hands back the raw answer, whatever its status. Network
 * failures become {@link XLinkUnavailableException}; everything else is left to the interpreter.
 * The runtime creates it, with its Rest Client, on the first call.
 */
public final class AisaGateway {

    /** Error bodies are read only this far: what identifies an error fits in far less. */
    static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final AisaTwitterApi api;

    /**
     * @param api the Rest Client of {@link AisaTwitterApi}
     */
    public AisaGateway(AisaTwitterApi api) {
        this.api = api;
    }

    /** Returns the Rest Client this gateway calls. */
    public AisaTwitterApi api() {
        return api;
    }

    /**
     * Calls {@code auth_twitter} once and reads the answer, blocking the calling thread. The
     * deadline bounds the reading of the body and, when it expires, aborts the connection.
     *
     * @param apiKey the account's key
     * @param scopes scope names, or null for AIsa's defaults
     * @param idempotencyKey sent as {@code Idempotency-Key}; the same for every attempt of a
     *     request
     * @param limit the largest success body to read
     * @param deadline when the request must be over
     * @return the answer, whatever its status
     * @throws XLinkUnavailableException when no complete answer arrived
     */
    public RawReply authTwitter(
            String apiKey,
            List<String> scopes,
            String idempotencyKey,
            int limit,
            Deadline deadline) {
        Response response;
        int bodyLimit = limit;
        Deadline outer = SendGuard.attempting(deadline);
        try {
            response =
                    api.authTwitter(
                            bearer(apiKey),
                            idempotencyKey,
                            new AuthTwitterBody(apiKey, scopes).toJson());
        } catch (ErrorStatus mapped) {
            // Only where the application keeps the Rest Client's error mapping on (MappedErrors).
            response = mapped.response();
        } catch (WebApplicationException mapped) {
            // Another mapper of the application's took precedence; its answer is read as it is.
            response = mapped.getResponse();
        } catch (RuntimeException e) {
            throw unavailable(e);
        } finally {
            SendGuard.attempted(outer);
        }
        if (response.getStatus() >= 400) {
            bodyLimit = ERROR_BODY_LIMIT;
        }
        try {
            return RawReply.read(response, bodyLimit, deadline);
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static String bearer(String apiKey) {
        return "Bearer " + apiKey;
    }

    static XLinkUnavailableException unavailable(Throwable failure) {
        if (failure instanceof XLinkUnavailableException typed) {
            return typed;
        }
        IOException io = rootIoException(failure);
        if (io instanceof SendGuard.DeadlinePassed passed) {
            return SendGuard.notSent(passed.callTimeout());
        }
        String what;
        if (io instanceof RawReply.DeadlinePassed) {
            what =
                    "AISAX015: AIsa's answer was still arriving when aisa.call-timeout passed."
                            + " Retry later.";
        } else if (io instanceof SocketTimeoutException || io instanceof HttpTimeoutException) {
            what =
                    "AISAX010: AIsa did not answer in time. Retry later; the limits are"
                            + " aisa/mp-rest/connectTimeout and aisa/mp-rest/readTimeout.";
        } else if (io instanceof ConnectException || io instanceof NoRouteToHostException) {
            what =
                    "AISAX011: could not connect to AIsa. Check aisa.base-url and the network"
                            + " path (proxy: aisa/mp-rest/proxyAddress), then retry.";
        } else if (io instanceof SSLException) {
            what =
                    "AISAX009: the TLS handshake with AIsa failed ("
                            + io.getClass().getSimpleName()
                            + "). If it persists: AIsa's certificate is not trusted"
                            + " (aisa/mp-rest/trustStore), the hostname verifier refused it"
                            + " (aisa/mp-rest/hostnameVerifier), the server wanted a client"
                            + " certificate (aisa/mp-rest/keyStore), or a proxy intercepts TLS.";
        } else if (io instanceof UnknownHostException) {
            what =
                    "AISAX012: the host of aisa.base-url could not be resolved. Check aisa.base-url.";
        } else if (io != null) {
            what =
                    "AISAX013: the connection to AIsa failed before a complete answer arrived ("
                            + io.getClass().getSimpleName()
                            + "). Retry later.";
        } else {
            what =
                    "AISAX014: the call to AIsa failed before an answer arrived ("
                            + failure.getClass().getSimpleName()
                            + "). Retry later.";
        }
        // Only the network exception is chained, as a copy: client wrappers may quote request
        // details, and its message is kept only where it can name no more than a host and port.
        return new XLinkUnavailableException(
                what, 0, null, null, null, io == null ? null : sanitized(io));
    }

    private static IOException rootIoException(Throwable failure) {
        IOException found = null;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException io) {
                found = io;
            }
            if (t instanceof ProcessingException && t.getCause() == null) {
                break;
            }
        }
        return found;
    }

    /**
     * Copies the network exception for the caller. Its message is kept only for the JDK's own
     * socket, timeout, host and TLS exceptions; any other, a plain {@code IOException} included,
     * may come from an application's own filter or interceptor on the module's client and quote the
     * key or the answer, so only its type is kept.
     */
    private static IOException sanitized(IOException io) {
        String shown =
                namesTheNetworkOnly(io)
                        ? io.getClass().getName() + ": " + io.getMessage()
                        : io.getClass().getName() + " (message not shown)";
        IOException copy = new IOException(shown);
        copy.setStackTrace(io.getStackTrace());
        return copy;
    }

    private static boolean namesTheNetworkOnly(IOException io) {
        Module module = io.getClass().getModule();
        return module.isNamed()
                && module.getName().startsWith("java.")
                && (io instanceof SocketException
                        || io instanceof SocketTimeoutException
                        || io instanceof UnknownHostException
                        || io instanceof HttpTimeoutException
                        || io instanceof SSLException);
    }
}
