"""Data layer: every SQL query of the monitor, one module per domain, returning frames or dataclasses."""
