"""Everything that crosses the Temporal wire, in one place.

Workflow inputs, states, views and results; activity inputs and their names; search attribute
keys. Pure pydantic on top of the domain models of ``sop``: the API, the worker, the
activities and the tests all import from here, and nothing here imports Temporal workers, the
database or the API. Changing a field here changes a payload in running histories: do it only
behind ``workflow.patched`` (see README, "Changing a running SOP").
"""
