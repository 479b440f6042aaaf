package one.aisa.xlink.bench.start;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The start-up application's endpoints, at the root. */
@ApplicationPath("/")
public class StartApplication extends Application {}
