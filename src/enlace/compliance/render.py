"""The monthly report as Markdown, JSON or PDF (fpdf2, pure Python).

The three formats carry the same content, built by :func:`enlace.compliance.monthly.build`.
The PDF is the Markdown's lines laid out with a core font, so it needs no font files; text
outside Latin-1 is replaced rather than dropped silently.
"""

from __future__ import annotations

import json
from typing import Any

from fpdf import FPDF

from enlace.exceptions import InvalidData

FORMATS = ("md", "pdf", "json")


def _cell(value: Any) -> str:
    return "" if value is None else str(value).replace("|", "/").replace("\n", " ")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    if not rows:
        return ["(none)", ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _agent(agent: dict[str, Any]) -> list[str]:
    acc = agent["accreditation"]
    lines = [f"## Agent {agent['id']}: {agent['name']}", "",
             f"- Agency: {agent['agency']} ({agent['sending_state']}); nationality "
             f"{agent['nationality']}",
             f"- Accreditation {acc['id']} under {acc['agreement']}: {acc['status']}, "
             f"territory {acc['territory']}, valid {acc['valid_from']} to "
             f"{acc['valid_until'] or 'open'}", "", "### Contacts with authorities", ""]
    lines += _table(["date", "kind", "level", "body", "place", "topic", "purpose", "reported"],
                    [[c["date"], c["kind"], c["level"], c["body"], c["place"], c["topic"],
                      c["purpose"], c["reported"] or "not yet"] for c in agent["contacts"]])
    lines += ["### Meeting requests", ""]
    lines += _table(["planned", "status", "approval", "approved by"],
                    [[m["planned"], m["status"], m["approval"], m["approved_by"]]
                     for m in agent["meetings"]])
    lines += ["### Firearm permits", ""]
    lines += _table(["permit", "weapon", "calibre", "status", "valid until"],
                    [[p["id"], p["weapon"], p["calibre"], p["status"], p["valid_until"]]
                     for p in agent["permits"]])
    return lines


def to_markdown(report: dict[str, Any]) -> str:
    who = report["filer"].replace(":", " ")
    lines = [f"# Monthly report {report['month']}: {who}", "",
             f"Under {report['article']}, to {' and '.join(report['recipients'])}. "
             f"Due {report['due']}; filed {report['filed'] or 'not yet'}.", "",
             "Dealings by level of government: " + (", ".join(
                 f"{level} {n}" for level, n in report["dealings"].items()) or "none") + ".",
             "", "Intelligence handover obligations opened this month: " + (", ".join(
                 f"{agency} {n}" for agency, n in report["handover_obligations"].items())
                 or "none") + ".", ""]
    for agent in report["agents"]:
        lines += _agent(agent)
    return "\n".join(lines).rstrip() + "\n"


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def to_pdf(report: dict[str, Any]) -> bytes:
    """The Markdown laid out as a PDF: headings bold, tables in a fixed-width font."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Monthly report {report['month']} {report['filer']}"))
    pdf.set_creator("enlace")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for line in to_markdown(report).splitlines():
        pdf.set_x(pdf.l_margin)
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            pdf.set_font("Helvetica", "B", {1: 15, 2: 12}.get(level, 10))
            pdf.multi_cell(width, 7, _latin1(line.lstrip("# ")))
        elif line.startswith("|"):
            if set(line) <= {"|", "-"}:
                continue
            pdf.set_font("Courier", "", 7)
            pdf.multi_cell(width, 4, _latin1(line))
        else:
            pdf.set_font("Helvetica", "", 9)
            pdf.multi_cell(width, 5, _latin1(line) or " ")
    return bytes(pdf.output())


def render(report: dict[str, Any], fmt: str) -> bytes:
    """The report in ``fmt`` (md, pdf or json) as bytes."""
    if fmt == "pdf":
        return to_pdf(report)
    if fmt == "md":
        return to_markdown(report).encode()
    if fmt == "json":
        return to_json(report).encode()
    raise InvalidData(f"unknown format {fmt!r}: use md, pdf or json")
