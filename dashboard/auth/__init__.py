"""Accounts, login and the audit trail."""
