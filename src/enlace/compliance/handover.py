"""Intelligence handover obligations (LSN 71-IV), proved from the store's own grants.

A document that a foreign agency holds and that was obtained in Mexico
(``obtained_in == "MX"``) must reach the Mexican authority its cooperation agreement names
(or the rules' default) within the rules' period. The obligation is met by an active grant
to that agency, or to one of its members, on the document or on a derived (sanitised)
document that has it among its inputs, made after the document was obtained; the grant's
own audit event is the proof.

**The one exception to the access rule.** Everything else reads documents through a
``View`` (``view.visible_documents()``). Here the compliance officers of both sides must see
that an obligation exists and is unmet even when they may not read the document, so this
module reads the ``document`` table directly, and only its ``id``, ``owner``,
``obtained_in`` and ``created_at`` columns: never a title, a file name, a text or a
statement. What it shows is the duty, not the intelligence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, String, and_, cast, exists, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from enlace.clock import utcnow
from enlace.compliance import guard, registry
from enlace.compliance.deadline import add_days, local_date
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import handover_obligation
from enlace.exceptions import AccessDenied, NotFound
from enlace.sharing import grants
from enlace.sharing.policy import Principal
from enlace.sharing.targets import Target
from enlace.store import Store, View
from enlace.store.tables import access_grant, agency, document, document_input, user_agency

DOCUMENT_COLUMNS = (document.c.id, document.c.owner, document.c.obtained_in,
                    document.c.created_at)


@dataclass(frozen=True)
class Obligation:
    """One handover duty as an officer may see it: ids and dates, no content."""

    id: int
    document: str
    owner: str
    authority: str
    agreement: str | None
    obtained: date
    deadline: date
    grant: int | None
    fulfilled: date | None
    state: str  # met | late | overdue | due_soon | open

    def to_dict(self) -> dict[str, Any]:
        return {key: value.isoformat() if isinstance(value, date) else value
                for key, value in asdict(self).items()}


def _pending(conn: Connection) -> list[Any]:
    """Foreign-held documents obtained in Mexico that have no obligation yet."""
    query = (select(*DOCUMENT_COLUMNS)
             .join(agency, agency.c.code == document.c.owner)
             .where(document.c.obtained_in == "MX", agency.c.country != "MX",
                    ~exists(select(handover_obligation.c.id)
                            .where(handover_obligation.c.document_id == document.c.id)))
             .order_by(document.c.created_at, document.c.id))
    return list(conn.execute(query))


def _insert(conn: Connection, values: dict[str, Any]) -> int | None:
    """Insert one obligation unless a concurrent scan already did; its id or None."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(handover_obligation).values(**values)
                 .on_conflict_do_nothing(index_elements=["document_id"])
                 .returning(handover_obligation.c.id))
    found = conn.execute(statement).scalar()
    return None if found is None else int(found)


def create_obligations(store: Store, actor: Principal | None = None,
                       rules: Rules | None = None) -> int:
    """Create the obligations new documents call for; returns how many were created."""
    rules = rules or load_rules()
    default = str(rules.value("handover", "default_authority"))
    created = 0
    with store.writer() as w:
        for row in _pending(w.conn):
            pact = registry.agreement_for(w.conn, row.owner)
            authority = pact.authority if pact else default
            found = _insert(w.conn, {
                "document_id": row.id, "owner": row.owner, "authority": authority,
                "agreement": pact.code if pact else None, "obtained_at": row.created_at,
                "created_at": utcnow()})
            if found is None:
                continue
            created += 1
            guard.audit(store, w.conn, actor, "handover.create",
                        [f"obligation:{found}", f"document:{row.id}"],
                        {"owner": row.owner, "authority": authority,
                         "agreement": pact.code if pact else None})
    return created


def _first_grant(at: datetime) -> Any:
    """A correlated query: the first grant that fulfils the outer obligation row."""
    ob = handover_obligation.c
    members = (select(cast(user_agency.c.user_id, String))
               .where(user_agency.c.agency == ob.authority))
    derived = (select(document_input.c.document_id)
               .where(document_input.c.input_id == ob.document_id))
    g = access_grant.c
    return (select(g.id).where(
        or_(g.document_id == ob.document_id, g.document_id.in_(derived)),
        or_(and_(g.grantee_kind == "agency", g.grantee == ob.authority),
            and_(g.grantee_kind == "user", g.grantee.in_(members))),
        g.created_at >= ob.obtained_at, g.created_at <= at,
        or_(g.revoked_at.is_(None), g.revoked_at > at),
        or_(g.expires_at.is_(None), g.expires_at > at),
    ).order_by(g.created_at, g.id).limit(1).correlate(handover_obligation).scalar_subquery())


def state_of(deadline: date, fulfilled: date | None, today: date, rules: Rules) -> str:
    if fulfilled is not None:
        return "met" if fulfilled <= deadline else "late"
    if today > deadline:
        return "overdue"
    return "due_soon" if (deadline - today).days <= rules.due_soon_days else "open"


def obligations(store: Store, actor: Principal, today: date, at: datetime | None = None,
                rules: Rules | None = None) -> list[Obligation]:
    """The obligations ``actor``'s agencies owe or are owed, as of ``today`` (local)."""
    rules = rules or load_rules()
    guard.require(guard.may_see_obligations(actor))
    at = at or utcnow()
    ob = handover_obligation.c
    mine = sorted(actor.agencies)
    grant_id = _first_grant(at).label("grant_id")
    query = (select(handover_obligation, grant_id)
             .where(or_(ob.owner.in_(mine), ob.authority.in_(mine)))
             .order_by(ob.obtained_at, ob.id))
    days = int(rules.value("handover", "days"))
    found = []
    with store.engine.connect() as conn:
        rows = list(conn.execute(query))
        granted = _grant_times(conn, [r.grant_id for r in rows if r.grant_id is not None])
    for row in rows:
        obtained = local_date(row.obtained_at, rules)
        deadline = add_days(obtained, days, rules)
        done = local_date(granted[row.grant_id], rules) if row.grant_id is not None else None
        found.append(Obligation(row.id, row.document_id, row.owner, row.authority,
                                row.agreement, obtained, deadline, row.grant_id, done,
                                state_of(deadline, done, today, rules)))
    return found


def fulfil(store: Store, view: View, obligation_id: int, colour: str,
           expires_at: datetime | None = None) -> int:
    """Meet an obligation by granting its authority the document; returns the grant's id.

    Only the owner's compliance officers hand a document over, and only one they may read;
    the grant obeys the sharing rules and is audited as a share, then linked here."""
    actor = view.principal
    guard.require(guard.may_see_obligations(actor))
    with store.engine.connect() as conn:
        row = conn.execute(select(handover_obligation)
                           .where(handover_obligation.c.id == obligation_id)).first()
    if row is None or not {row.owner, row.authority} & actor.agencies:
        raise NotFound(f"unknown handover obligation {obligation_id}")
    if row.owner not in actor.agencies:
        raise AccessDenied(f"only an officer of {row.owner} hands over its documents")
    found = grants.grant(store, view, row.document_id, Target("agency", row.authority), colour,
                         expires_at)
    with store.writer() as w:
        guard.audit(store, w.conn, actor, "handover.fulfil",
                    [f"obligation:{obligation_id}", f"document:{row.document_id}",
                     f"grant:{found}"], {"authority": row.authority, "tlp": colour})
    return found


def _grant_times(conn: Connection, ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    query = select(access_grant.c.id, access_grant.c.created_at).where(
        access_grant.c.id.in_(ids))
    return {int(r.id): r.created_at for r in conn.execute(query)}

