"""Deduplication and cross-run state: one document per content, known across nights."""
