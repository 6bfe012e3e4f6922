"""The pure domain: the rules of Perbup Balangan 6/2013 (no Temporal, no database, no HTTP).

Find a rule by its Pasal in docs/pasal.md: Pasal or Lampiran item, function, tests.
"""
