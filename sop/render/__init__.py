"""Printable renderings of an SOP document (Lampiran II.B-E): HTML, PDF and the flowchart."""
