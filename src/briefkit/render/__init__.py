"""Rendering: sandboxed Jinja2 templates → HTML → WeasyPrint → PDF."""
