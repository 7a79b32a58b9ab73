"""Component trees, figure builders and component IDs of the monitor's pages."""
