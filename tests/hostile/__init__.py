"""Hostile and broken input: one test per class (docs/security.md)."""
