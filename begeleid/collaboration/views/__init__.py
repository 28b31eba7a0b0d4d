"""Thin function views, one module per part of the app."""
