"""Writes of the assessment app, one module per aggregate."""
