"""Audit of the Siklus SOP: tamper-evident event chain, search, exports, consistency checks."""
