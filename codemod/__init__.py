"""claude-migrate: migrate Python code that calls Claude to newer models and SDK releases."""

__version__ = "0.2.0"
