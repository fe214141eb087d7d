"""How extraction types map onto FollowTheMoney schemata.

=================  ==============  ==========================================
type               FtM schema      notes
=================  ==============  ==========================================
CRIMINAL_GROUP     Organization    topics from the gazetteer, else ``crime``
PERSON             Person
GOV_AGENCY         PublicBody      topic ``gov`` (``gov.police`` etc. by kind)
LOCATION           Address         the name goes in ``full``
BANK_ACCOUNT       BankAccount     ``accountNumber`` (and ``iban`` for IBANs)
PHONE              LegalEntity     a phone is a property value, not a thing:
                                   the number (E.164, in ``properties["phones"]``)
                                   goes in the FtM ``phone`` property; the
                                   holder is unknown from the text alone, so
                                   it is a bare ``LegalEntity`` carrying that
                                   value, to be merged into the person or
                                   organisation once someone links them (an
                                   ``UnknownLink`` would need two ends)
event              Event           ``date``, ``location``, ``involved``
=================  ==============  ==========================================
"""

from __future__ import annotations

__all__ = ["EVENT_SCHEMA", "SCHEMA_BY_TYPE", "agency_topics", "schema_for"]

SCHEMA_BY_TYPE: dict[str, str] = {
    "CRIMINAL_GROUP": "Organization",
    "PERSON": "Person",
    "GOV_AGENCY": "PublicBody",
    "LOCATION": "Address",
    "BANK_ACCOUNT": "BankAccount",
    "PHONE": "LegalEntity",
}
EVENT_SCHEMA = "Event"

_AGENCY_TOPICS = {
    "police": ["gov", "gov.police"],
    "military": ["gov", "mil"],
    "justice": ["gov", "gov.judicial"],
    "prosecutor": ["gov", "gov.judicial"],
    "court": ["gov", "gov.judicial"],
    "intelligence": ["gov", "gov.security"],
    "finance": ["gov", "gov.financial"],
    "customs": ["gov"],
    "migration": ["gov"],
    "ministry": ["gov", "gov.executive"],
    "prison": ["gov"],
    "international": ["gov.igo"],
}


def schema_for(entity_type: str) -> str:
    """The FtM schema name for an extraction entity type."""
    return SCHEMA_BY_TYPE.get(entity_type, "LegalEntity")


def agency_topics(kind: str | None) -> list[str]:
    """FtM topics for an agency of ``kind``."""
    return list(_AGENCY_TOPICS.get(kind or "", ["gov"]))
