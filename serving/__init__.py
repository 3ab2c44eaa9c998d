"""Serving the custom shopping model outside shopgraph (compile and launch plans)."""
