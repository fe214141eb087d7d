"""Tracing a leaked copy back to the recipient it was made for.

The candidates are every recipient of every disseminated text (or of those of one
document, a dissemination id, the shared document's id or a copy's id). Copies made from
the same text are weighed against each other by :func:`enlace.sharing.trace.trace`; the
text the leak matches best (most choice points found) decides which recipients compete.
Tracing reads every disseminated text, so only compliance officers and administrators
may do it, and each trace is audited (ids and counts only).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from enlace.audit import record
from enlace.exceptions import AccessDenied, NotFound
from enlace.sharing.policy import Principal
from enlace.sharing.secret import instance_secret
from enlace.sharing.tables import dissemination, dissemination_copy
from enlace.sharing.trace import Candidate, Verdict, trace
from enlace.store.store import Store
from enlace.store.tables import app_user

TRACERS = frozenset({"compliance", "admin"})


@dataclass(frozen=True)
class Finding:
    """The verdict on a leak and the dissemination it points to."""

    dissemination: str | None
    verdict: Verdict

    def to_dict(self) -> dict[str, object]:
        best = self.verdict.best if self.dissemination else None
        return {
            "dissemination": self.dissemination,
            "recipient": best.name if best else None,
            "confidence": round(self.verdict.confidence, 4),
            "observed_choices": self.verdict.observed,
            "choices": self.verdict.points,
            "invisible_tags": self.verdict.tags,
            "candidates": len(self.verdict.ranking),
            "runner_up": ({"recipient": self.verdict.ranking[1][0].name,
                           "probability": round(self.verdict.ranking[1][1], 4)}
                          if len(self.verdict.ranking) > 1 else None),
        }


def trace_leak(store: Store, by: Principal, leaked: str, document: str | None = None) -> Finding:
    """The most likely recipient of the copy ``leaked`` was made from."""
    if not by.roles & TRACERS:
        raise AccessDenied("tracing leaks is for compliance officers and administrators")
    query = (select(dissemination_copy.c.dissemination_id, dissemination_copy.c.recipient_id,
                    dissemination_copy.c.text, dissemination.c.language, app_user.c.name)
             .join(dissemination, dissemination.c.id == dissemination_copy.c.dissemination_id)
             .join(app_user, app_user.c.id == dissemination_copy.c.recipient_id)
             .where(dissemination_copy.c.text.is_not(None))
             .order_by(dissemination_copy.c.id))
    if document is not None:
        query = query.where(or_(dissemination.c.id == document, dissemination.c.subject == document,
                                dissemination_copy.c.document_id == document))
    with store.engine.begin() as conn:
        secret = instance_secret(conn)
        rows = list(conn.execute(query))
    if not rows:
        raise NotFound("no disseminated text to compare with"
                       + (f" for {document!r}" if document else ""))
    groups: dict[tuple[str, str], list[Candidate]] = {}
    languages: dict[tuple[str, str], str | None] = {}
    for row in rows:
        key = (row.dissemination_id, row.text)
        groups.setdefault(key, []).append(Candidate(row.dissemination_id, str(row.recipient_id),
                                                    row.name))
        languages[key] = row.language
    best: tuple[str, Verdict] | None = None
    for (dis, text), candidates in groups.items():
        verdict = trace(text, languages[(dis, text)], leaked, candidates, secret)
        if best is None or (verdict.observed, verdict.tags) > (best[1].observed, best[1].tags):
            best = (dis, verdict)
    assert best is not None
    finding = Finding(best[0] if best[1].observed or best[1].tags else None, best[1])
    record(store, by, "leak.trace", [f"dissemination:{best[0]}"] if finding.dissemination else [],
           {"candidates": len(best[1].ranking), "observed": best[1].observed,
            "confidence": round(best[1].confidence, 4),
            "recipient_id": int(best[1].best.recipient) if best[1].best else None})
    return finding
