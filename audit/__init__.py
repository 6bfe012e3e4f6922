"""Operator tools of the audit: the consistency check between Temporal and the read model, and
the ``siklus audit`` CLI. The hash chain, the audit search and the exports live in ``store``."""
