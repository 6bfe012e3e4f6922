"""Unit types and scopes shared by the Pasal 8 and Pasal 11 tests."""

from sop.organisasi import JenisUnit, LingkupSop

LINTAS_BAGIAN_IMPOSSIBLE = [
    u for u in JenisUnit if u not in {JenisUnit.bagian, JenisUnit.sekretariat_daerah}
]
"""Unit types whose SOP cannot be lintas Bagian: only the Sekretariat Daerah has Bagian."""

VALID_COMBINATIONS = {
    (unit, lingkup)
    for unit in JenisUnit
    for lingkup in LingkupSop
    if not (lingkup is LingkupSop.lintas_bagian and unit in LINTAS_BAGIAN_IMPOSSIBLE)
}
"""Every (unit type, scope) an SOP can have: a table of expected officials must cover them."""
