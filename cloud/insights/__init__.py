"""The cloud's analytics as pure numbers: customer-base models, segments, cohorts, tests.

Nothing here touches the web framework, the database or the network (import-linter holds it):
callers hand in plain values and arrays, and get plain values back.
"""
