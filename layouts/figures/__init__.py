"""Figure builders: pure functions from data frames to Plotly figures (no I/O)."""
