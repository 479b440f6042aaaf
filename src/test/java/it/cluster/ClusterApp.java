package it.cluster;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST endpoints of the cluster test's application. */
@ApplicationPath("/api")
public class ClusterApp extends Application {}
