"""The domain model: frozen data for layouts, stories and editions (no I/O here)."""
