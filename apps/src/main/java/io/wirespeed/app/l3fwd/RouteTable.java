package io.wirespeed.app.l3fwd;

/** The routes of a run, built once from the routes file before forwarding starts; read-only while it runs. */
interface RouteTable extends AutoCloseable {
    /** A lookup for one forwarding lcore. */
    RouteLookup newLookup();

    /** Rules in the table (routes, and deny rules for ACL). */
    int size();

    /** One line for the start-up log: what was built and how big it is. */
    String describe();

    @Override
    default void close() {
    }
}
