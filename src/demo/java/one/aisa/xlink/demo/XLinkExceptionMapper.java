package one.aisa.xlink.demo;

import java.lang.System.Logger.Level;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequestException;

/**
 * Shows the page why a link could not be requested. The module's messages hold no secret, so the
 * message is passed on and logged as it is.
 */
@Provider
public class XLinkExceptionMapper implements ExceptionMapper<XLinkException> {

    private static final System.Logger LOG = System.getLogger(XLinkExceptionMapper.class.getName());

    @Override
    public Response toResponse(XLinkException e) {
        LOG.log(
                Level.WARNING,
                () ->
                        "Requesting a link failed: "
                                + e.getClass().getSimpleName()
                                + ": "
                                + e.getMessage());

        ErrorView view =
                new ErrorView(
                        e.getClass().getSimpleName(),
                        e.getMessage(),
                        e.httpStatus().isPresent() ? e.httpStatus().getAsInt() : null,
                        e.isRetryable());
        return Response.status(statusFor(e)).type(MediaType.APPLICATION_JSON).entity(view).build();
    }

    private static int statusFor(XLinkException e) {
        if (e instanceof XLinkConfigException) {
            return 500;
        }
        if (e instanceof XLinkRequestException) {
            return 422;
        }
        if (e instanceof XLinkRateLimitException) {
            return 429;
        }
        // Every other failure lies with AIsa or the way to it: a bad gateway from the page's view.
        return 502;
    }
}
