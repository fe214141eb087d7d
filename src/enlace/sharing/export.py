"""Exports: everything a person may see, written out as FtM, CSV or STIX 2.1.

An export is a dissemination to oneself: it reads only through the person's View
(:mod:`enlace.sharing.snapshot`), is recorded as a dissemination of kind ``export`` whose
copy keeps the canonical free text (so a leaked export can be traced with ``enlace leak
trace``), carries the banner of the highest label included and the strictest TLP, and is
audited. Formats:

* ``ftm``: JSON lines, one FtM entity each, with ``banner`` and ``tlp`` keys added;
* ``csv``: one row per statement: banner, entity, schema, property, value, document,
  that document's label and TLP;
* ``stix``: a STIX 2.1 bundle, see :mod:`enlace.sharing.stix`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlalchemy import insert

from enlace.audit import record
from enlace.clock import utcnow
from enlace.exceptions import InvalidData
from enlace.sharing.snapshot import Snapshot, collect
from enlace.sharing.stix import to_stix
from enlace.sharing.tables import dissemination, dissemination_copy
from enlace.store.store import Store
from enlace.store.view import View

FORMATS = ("ftm", "csv", "stix")


def to_ftm(snap: Snapshot) -> Iterator[str]:
    for entity in snap.entities:
        data = entity.to_dict()
        data["properties"] = snap.properties(entity)
        data["banner"] = snap.banner
        data["tlp"] = snap.tlp
        yield json.dumps(data, ensure_ascii=False) + "\n"


def to_csv(snap: Snapshot) -> Iterator[str]:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(["banner", "entity_id", "schema", "prop", "value", "document_id", "label",
                  "tlp"])
    for entity in snap.entities:
        for stmt in entity.statements:
            if stmt.prop not in entity.schema.properties:
                continue
            out.writerow([snap.banner, entity.id, entity.schema.name, stmt.prop,
                          snap.value(entity.id, stmt.value), stmt.document_id,
                          snap.labels[stmt.document_id], snap.documents[stmt.document_id].tlp])
    yield buffer.getvalue()


def write(store: Store, view: View, fmt: str) -> tuple[Snapshot, str]:
    """The export of everything ``view`` may see, as text in ``fmt``; recorded and audited."""
    if fmt not in FORMATS:
        raise InvalidData(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    snap = collect(store, view)
    if fmt == "ftm":
        body = "".join(to_ftm(snap))
    elif fmt == "csv":
        body = "".join(to_csv(snap))
    else:
        body = to_stix(store, snap)
    by = view.principal
    with store.writer() as writer:
        writer.conn.execute(insert(dissemination).values(
            id=snap.id, kind="export", subject=fmt, shared_by=by.id, target_kind="user",
            target=by.name, tlp=snap.tlp, created_at=utcnow()))
        writer.conn.execute(insert(dissemination_copy).values(
            dissemination_id=snap.id, recipient_id=by.id, redacted=0,
            text=snap.canonical or None))
        record(store, by, "export", [f"dissemination:{snap.id}"], {
            "format": fmt, "entities": len(snap.entities), "documents": len(snap.documents),
            "tlp": snap.tlp}, conn=writer.conn)
    return snap, body
