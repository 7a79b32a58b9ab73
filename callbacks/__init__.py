"""Callbacks: plain typed functions per feature, wired to an app by each module's ``register``."""
