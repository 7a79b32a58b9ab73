"""Hoofdzaak Werk Monitor: the core (app factory, config, database, data layer, import, CLI)."""
