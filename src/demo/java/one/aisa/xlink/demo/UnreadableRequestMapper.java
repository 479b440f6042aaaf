package one.aisa.xlink.demo;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a request body the demo cannot read (not JSON, or JSON of the wrong shape) with a 400 the
 * page can show, instead of a 500 and a stack trace in the server log.
 */
@Provider
public class UnreadableRequestMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        ErrorView view =
                new ErrorView(
                        "BadRequest",
                        "The request body is not what the page sends: a JSON object with a"
                                + " \"subject\" string and a \"scopes\" array of scope names.",
                        null,
                        false);
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(view)
                .build();
    }
}
