"""Domain rules: the programme's goals, pace, comparison, suppression of small numbers."""
