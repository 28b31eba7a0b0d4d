"""The current request's id, readable from logging and the audit service."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("request_id", default="")
