"""Infrastructure: configuration, database, cache, clock, runtime, security, health."""
