"""The lifecycle chart as a Mermaid diagram (python-statemachine renders it)."""

from statemachine.contrib.diagram import MermaidGraphMachine

from sop.lifecycle import SopLifecycle

HEADER = """# Siklus SOP: the lifecycle state chart

Generated from `sop/lifecycle.py` by `make diagram` (`siklus diagram`); do not edit by hand.
Stages are the five of Pasal 10 (1); their steps are those of Lampiran I.

"""


def mermaid() -> str:
    return MermaidGraphMachine(SopLifecycle).get_mermaid()


def markdown() -> str:
    return f"{HEADER}```mermaid\n{mermaid().rstrip()}\n```\n"
