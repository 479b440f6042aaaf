package one.aisa.xlink.bench.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark endpoints, under {@code /bench}. */
@ApplicationPath("/bench")
public class BenchApplication extends Application {}
