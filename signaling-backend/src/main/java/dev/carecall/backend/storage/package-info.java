/**
 * Storage: the database connection (helidon-dbclient over JDBC with a Hikari pool), the Flyway migrations, and
 * {@link dev.carecall.backend.storage.CareCallStore}, the only class that runs SQL. Every statement is a named
 * statement in {@code application.yaml}, written in SQL that both embedded H2 and PostgreSQL accept.
 */
package dev.carecall.backend.storage;
