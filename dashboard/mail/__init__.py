"""Mail: the signal digests, how they are written and how they are sent."""
