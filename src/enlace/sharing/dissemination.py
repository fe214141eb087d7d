"""Disseminations: a document, an entity or a report sent to people, each with a copy.

A dissemination reaches people: a user, every member of an agency, or every member of a
sharing group, resolved when it is sent. Each person gets a derived document of their
own, granted to them alone (with the TLP colour and the expiry of the share), holding:

* a copy of the shared statements, redacted for them (:mod:`enlace.sharing.redaction`);
* the shared text (a document's, or the report's), with protected names replaced by
  pseudonyms and worded for them alone (:mod:`enlace.sharing.watermark`).

The copy is derived from the inputs, so its label starts as their combination; what
redaction removed is then taken off its label by :meth:`Writer.change_label`, the
explicit and recorded lowering, with the reason. A second recorded change clears its
releasability: a copy is seen by its recipient through their grant (and by its sender),
by nobody else, and revoking the grant ends it. People who could not read the copy
(clearance, a compartment that is not protected, a protected source document shared as
is) are skipped and counted, never named to a sharer who is not entitled to the list.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from enlace.audit import record
from enlace.clock import utcnow
from enlace.exceptions import NotFound, PolicyError
from enlace.model.markings import Label, combine
from enlace.search.index import index_document, index_statements
from enlace.sharing import material as gathering
from enlace.sharing import tlp as rules
from enlace.sharing.grants import insert_grant
from enlace.sharing.material import Material
from enlace.sharing.policy import Principal
from enlace.sharing.pseudonym import pseudonym, pseudonym_id
from enlace.sharing.redaction import Redaction, copy_rows, plan, redact_text
from enlace.sharing.secret import instance_secret, protected_compartments
from enlace.sharing.tables import dissemination, dissemination_copy
from enlace.sharing.targets import Target, people
from enlace.sharing.watermark import render
from enlace.store.labels import agency_countries
from enlace.store.store import Store
from enlace.store.tables import document_text
from enlace.store.view import View


@dataclass(frozen=True)
class Request:
    """What a person asks to share, with whom, and how."""

    kind: str  # document | entity | report
    target: Target
    tlp: str
    subject: str | None = None  # the document or entity id
    text: str | None = None  # a report's text
    sources: tuple[str, ...] = ()  # the documents a report draws on
    title: str | None = None
    expires_at: datetime | None = None


@dataclass(frozen=True)
class Copy:
    """One person's copy, as planned."""

    person: Principal
    redaction: Redaction
    text: str | None
    replaced: int  # names replaced by pseudonyms in the text
    label: Label | None
    skipped: str | None = None


@dataclass
class Plan:
    """Everything a share will do, before it does it."""

    request: Request
    material: Material
    copies: list[Copy]
    combined: Label
    inputs: tuple[str, ...]
    withheld: dict[str, str] = field(default_factory=dict)  # document -> TLP reason

    def preview(self) -> dict[str, Any]:
        """Counts, pseudonyms and compartments: what will be redacted, never content."""
        sent = [c for c in self.copies if c.skipped is None]
        redacted = [c for c in sent if c.redaction.removed or c.replaced]
        worst = max(redacted, key=lambda c: len(c.redaction.removed) + c.replaced,
                    default=None)
        return {
            "kind": self.request.kind, "to": str(self.request.target), "tlp": self.request.tlp,
            "recipients": len(sent), "skipped": len(self.copies) - len(sent),
            "redacted_copies": len(redacted),
            "redaction": worst.redaction.preview() | {"names_replaced": worst.replaced}
            if worst else None,
            "withheld_by_tlp": len(self.withheld),
        }


def _subject(view: View, request: Request, protected: frozenset[str]) -> Material:
    if request.kind == "document":
        assert request.subject is not None
        info = view.document(request.subject)
        return gathering.gather(
            view, gathering.statements_of_documents(view, [request.subject]),
            [request.subject], protected, view.document_text(request.subject) or None,
            language=info.language, title=request.title or info.title)
    if request.kind == "entity":
        assert request.subject is not None
        found = view.entity(request.subject)
        return gathering.gather(view, list(found.statements), found.document_ids, protected,
                                shared=[request.subject], title=request.title)
    for source in request.sources:
        view.document(source)
    mentioned = gathering.statements_of_documents(view, request.sources)
    material = gathering.gather(view, mentioned, request.sources, protected,
                                request.text or "", title=request.title)
    return replace(material, statements=())  # a report carries its text, not statements


def _tlp(store: Store, view: View, request: Request, material: Material,
         reached: list[Principal]) -> dict[str, str]:
    """Inputs the sharer may not pass on under this request: document -> reason."""
    rules.rank(request.tlp)
    withheld: dict[str, str] = {}
    with store.engine.connect() as conn:
        for doc in material.inputs:
            colour = rules.received(conn, doc, view.principal)
            decision = rules.may_reshare(colour, view.principal, request.target, reached,
                                         request.tlp)
            if not decision.allow:
                withheld[doc] = decision.reason
    if withheld and (request.kind != "entity" or set(withheld) == set(material.inputs)):
        raise PolicyError(f"cannot share: {next(iter(withheld.values()))}")
    return withheld


def _copy(person: Principal, material: Material, request: Request, combined: Label,
          protected: frozenset[str], secret: bytes, withheld: dict[str, str],
          countries: Mapping[str, str]) -> Copy:
    lacking = protected - person.compartments
    statements = [s for s in material.statements if s.document_id not in withheld]
    redaction = plan(statements, material.labels, material.protected, lacking, secret)
    names = {n: pseudonym(secret, e) for e, comps in material.protected.items()
             if comps & lacking for n in material.names.get(e, ())}
    text, replaced = (redact_text(material.text, names) if material.text is not None
                      else (None, 0))
    if request.kind == "document" and material.labels[material.inputs[0]].compartments & lacking:
        return Copy(person, redaction, None, 0, None, "a protected document; share a report")
    if not redaction.kept and not set(material.shared) & set(redaction.pseudonyms) and not text:
        return Copy(person, redaction, text, replaced, None, "nothing left after redaction")
    behind = redaction.kept_documents | {  # documents the pseudonyms stand in for
        s.document_id for s in redaction.removed
        if not material.labels[s.document_id].compartments & lacking}
    if request.kind == "report" or not behind:
        label = replace(combined, compartments=combined.compartments - lacking)
    else:
        kept = combine([material.labels[d] for d in sorted(behind)], countries)
        # the kept inputs' audience contains the combined one: keep its names too, so the
        # change reads as the pure lowering it is
        label = replace(kept, releasable_to=kept.releasable_to | combined.releasable_to)
    if label.level > person.clearance:
        return Copy(person, redaction, text, replaced, None, "clearance")
    if label.compartments - person.compartments:
        return Copy(person, redaction, text, replaced, None, "compartment")
    return Copy(person, redaction, text, replaced, label)


def prepare(store: Store, view: View, request: Request) -> Plan:
    """Work out a share without writing anything but the instance secret."""
    with store.engine.begin() as conn:
        secret = instance_secret(conn)
        protected = protected_compartments(conn)
        countries = dict(agency_countries(conn))
        reached = people(store, conn, request.target, view.principal)
    if not reached:
        raise NotFound(f"nobody to share with at {request.target}")
    material = _subject(view, request, protected)
    withheld = _tlp(store, view, request, material, reached)
    inputs = tuple(d for d in material.inputs if d not in withheld)
    combined = combine([material.labels[d] for d in inputs], countries)
    copies = [_copy(p, material, request, combined, protected, secret, withheld, countries)
              for p in reached]
    if request.target.kind == "user" and copies[0].skipped:
        raise PolicyError(f"{request.target.name} cannot receive this: {copies[0].skipped}")
    if all(c.skipped for c in copies):
        reasons = sorted({str(c.skipped) for c in copies})
        raise PolicyError(f"nobody at {request.target} may receive this ({'; '.join(reasons)})")
    return Plan(request, material, copies, combined, inputs, withheld)


@dataclass(frozen=True)
class Sent:
    """The outcome of a share: its id, the copies made and how many people were skipped."""

    id: str
    documents: tuple[str, ...]
    skipped: int


def _title(request: Request, copy: Copy, secret: bytes, by: Principal) -> str:
    subject = request.subject or "report"
    if request.kind == "entity" and subject in copy.redaction.pseudonyms:
        subject = pseudonym_id(secret, subject)
    if request.kind == "document" or request.title:
        subject = request.title or subject
    return f"{subject} (shared by {by.name})"


def send(store: Store, view: View, plan_: Plan) -> Sent:
    """Carry out a planned share: copies, their labels, grants, and the audit event."""
    request, by = plan_.request, view.principal
    dis = f"dis-{uuid.uuid4().hex[:16]}"
    made: list[str] = []
    with store.writer() as writer:
        secret = instance_secret(writer.conn)
        writer.conn.execute(insert(dissemination).values(
            id=dis, kind=request.kind, subject=request.subject, shared_by=by.id,
            target_kind=request.target.kind, target=request.target.name, tlp=request.tlp,
            language=plan_.material.language, created_at=utcnow(),
            expires_at=request.expires_at))
        for copy in plan_.copies:
            if copy.skipped is not None or copy.label is None:
                continue
            doc = f"{dis}-{copy.person.id}"
            reason = f"dissemination {dis} to {request.target}"
            combined = writer.derive(doc, plan_.inputs, by, reason,
                                     _title(request, copy, secret, by), request.tlp)
            # the sender keeps sight of what they sent, whatever its label becomes
            insert_grant(writer.conn, doc, "user", str(by.id), by, None, request.tlp)
            if copy.label != combined:
                removed = len(copy.redaction.removed) + copy.replaced
                writer.change_label(doc, copy.label, request.tlp, by,
                                    f"redacted for the recipient: {removed} protected items "
                                    f"({', '.join(sorted(copy.redaction.compartments)) or 'none'}"
                                    f") removed or pseudonymised")
            writer.change_label(doc, replace(copy.label, releasable_to=frozenset()), request.tlp,
                                by, "a disseminated copy is for its recipient alone: it is "
                                "seen through its grant, not through releasability")
            rows = copy_rows(copy.redaction, plan_.material.shared, doc, f"share:{dis}", secret,
                             plan_.material.schemata)
            writer.add_statements(rows)
            if copy.text:
                writer.conn.execute(insert(document_text).values(
                    document_id=doc, text=render(copy.text, secret, dis, str(copy.person.id),
                                                 plan_.material.language)))
            # recipients search their copy (pseudonyms included) like any document they see
            index_document(writer.conn, doc)
            index_statements(writer.conn, document_id=doc)
            grant = writer.grant(doc, "user", str(copy.person.id), by, request.expires_at,
                                 request.tlp)
            writer.conn.execute(insert(dissemination_copy).values(
                dissemination_id=dis, recipient_id=copy.person.id, document_id=doc,
                grant_id=grant, redacted=len(copy.redaction.removed) + copy.replaced,
                text=copy.text))
            made.append(doc)
        skipped = len(plan_.copies) - len(made)
        record(store, by, "share", [f"dissemination:{dis}", *(f"document:{d}" for d in made)], {
            "kind": request.kind, "to": str(request.target), "tlp": request.tlp,
            "copies": len(made), "skipped": skipped, "inputs": len(plan_.inputs),
            "withheld_by_tlp": len(plan_.withheld),
            "redacted": sum(1 for c in plan_.copies if c.redaction.removed or c.replaced),
        }, conn=writer.conn)
    return Sent(dis, tuple(made), skipped)
