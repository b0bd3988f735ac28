"""Render an Analysis: one module per format, each a Reporter; none of them scores anything."""
