package it.lifecycle;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Publishes the resources of the redeploy test's applications at their context root. */
@ApplicationPath("/")
public class RestApplication extends Application {}
