"""Accompaniment."""
