package it.secrets;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Runs the flows once and answers with each flow's outcome and the secrets of this run. */
@Path("flows")
@RequestScoped
public class FlowsResource {

    @Inject SecretFlows flows;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String run() throws Exception {
        SecretFlows.Run run = flows.run();

        JsonObjectBuilder outcomes = Json.createObjectBuilder();
        run.outcomes().forEach(outcomes::add);
        JsonArrayBuilder secrets = Json.createArrayBuilder();
        run.secrets().forEach(secrets::add);
        return Json.createObjectBuilder()
                .add("outcomes", outcomes)
                .add("secrets", secrets)
                .build()
                .toString();
    }
}
