"""Eval suites as regression gates: each fast suite must keep its scores."""
