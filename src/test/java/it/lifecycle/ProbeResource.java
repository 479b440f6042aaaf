package it.lifecycle;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Reports, from an application without the module, the server's process id, the module's live
 * threads and the counters the redeployed applications left behind.
 */
@Path("probe")
public class ProbeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String state() {
        JsonArrayBuilder threads = Json.createArrayBuilder();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(Probes.MODULE_THREAD_PREFIX)) {
                threads.add(thread.getName() + " (" + thread.getState() + ")");
            }
        }
        return Json.createObjectBuilder()
                .add("pid", ProcessHandle.current().pid())
                .add("moduleThreads", threads)
                .add("events", ServerCounters.value(ServerCounters.EVENTS))
                .add("lateEvents", ServerCounters.value(ServerCounters.LATE_EVENTS))
                .add("stopped", ServerCounters.value(ServerCounters.STOPPED))
                .build()
                .toString();
    }
}
