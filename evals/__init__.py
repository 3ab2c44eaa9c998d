"""Evaluation suites: datasets, evaluators and their runner."""
