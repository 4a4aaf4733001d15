"""Acme support-desk assistant: a deliberately legacy Claude integration.

Written mid-2026 for Claude Opus 4.6 and the 0.x ``anthropic`` SDK; kept
unchanged as the input for the ``claude-migrate diff examples/legacy_app``
demo.  Nothing here is meant to be imported or run.
"""
