"""Compliance with Mexico's National Security Law, Title VII (arts. 68–76).

The rules live in ``rules.yml`` (each with its article); the registry records agreements,
foreign agents, officials, accreditations, firearm permits, meetings and contacts; deadlines
are computed on Mexico City dates; handover obligations are proved from grants; ``status``
says what is overdue and ``monthly`` builds the LSN 71-V report. Modules:

    rules          the rules file, loaded and checked
    deadline       local dates, calendar and business days, months
    guard          who may record and read, and the audit call
    registry       agreements, agents, officials
    accreditation  LSN 69 and 73
    permit         LSN 71-VIII, LFAFE 28
    meeting        LSN 70 ¶2, LSN 75
    contact        LSN 70 ¶2
    handover       LSN 71-IV
    monthly        LSN 71-V
    render         Markdown, JSON and PDF
    status         what is overdue, due soon or in breach
    locate         a record by id, NotFound outside the agencies one follows
    dossier        one agent's records, each with its deadline
"""

from enlace.compliance.handover import Obligation, create_obligations, obligations
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.status import Duty, status

__all__ = ["Duty", "Obligation", "Rules", "create_obligations", "load_rules", "obligations",
           "status"]
