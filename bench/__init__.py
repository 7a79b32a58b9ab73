"""Performance benchmark of the monitor: latency, SQL floor, bytes, browser drawing and load."""
