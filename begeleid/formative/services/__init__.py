"""Writes of the formative loop, one module per aggregate."""
