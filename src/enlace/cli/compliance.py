"""``enlace compliance``: the LSN Title VII duties, one sub-app per kind of record.

Dates are Mexico City dates (``YYYY-MM-DD``) and times Mexico City wall-clock times
(``YYYY-MM-DDTHH:MM``, or with an offset); every change is audited.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, ParamSpec

import typer
from rich.table import Table

from enlace.cli.options import DbOption, console, emit, friendly, open_store
from enlace.clock import utcnow
from enlace.compliance import (
    accreditation,
    contact,
    meeting,
    monthly,
    permit,
    registry,
    render,
)
from enlace.compliance.deadline import local_date, parse_date, parse_local_time
from enlace.compliance.handover import create_obligations
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.status import Duty, status
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store

compliance_app = typer.Typer(help="Duties under Mexico's National Security Law (LSN Title VII).",
                             no_args_is_help=True)
agreement_app = typer.Typer(help="Cooperation agreements (LSN 71-III, 71-IV).",
                            no_args_is_help=True)
agent_app = typer.Typer(help="Foreign agents (LSN 69).", no_args_is_help=True)
official_app = typer.Typer(help="Mexican officials at each level.", no_args_is_help=True)
accreditation_app = typer.Typer(help="Accreditation by the SRE (LSN 69, 73).",
                                no_args_is_help=True)
permit_app = typer.Typer(help="Firearm permits (LSN 71-VIII; LFAFE 28).", no_args_is_help=True)
meeting_app = typer.Typer(help="Meeting requests and approvals (LSN 70, 75).",
                          no_args_is_help=True)
contact_app = typer.Typer(help="Contacts and their 3-day reports (LSN 70).",
                          no_args_is_help=True)
filing_app = typer.Typer(help="Monthly reports filed with SRE and SSPC (LSN 71-V).",
                         no_args_is_help=True)
for _name, _sub in [("agreement", agreement_app), ("agent", agent_app),
                    ("official", official_app), ("accreditation", accreditation_app),
                    ("permit", permit_app), ("meeting", meeting_app),
                    ("contact", contact_app), ("filing", filing_app)]:
    compliance_app.add_typer(_sub, name=_name)

As = Annotated[str, typer.Option("--as", help="The liaison or compliance officer acting.")]
RulesOption = Annotated[Path | None, typer.Option(
    "--rules", help="A rules file to use instead of the bundled rules.yml.")]
On = Annotated[str | None, typer.Option(
    "--on", help="The Mexico City date it happened (YYYY-MM-DD); default today.")]
Reason = Annotated[str, typer.Option(help="Why; it is recorded.")]
Recipients = Annotated[list[str], typer.Option("--to", help="A recipient, e.g. SRE; repeat.")]
Month = Annotated[str, typer.Option(help="The month reported on, YYYY-MM.")]
AgentId = Annotated[int, typer.Argument(help="The agent's id.")]
AccreditationId = Annotated[int, typer.Argument(help="The accreditation's id.")]
PermitId = Annotated[int, typer.Argument(help="The permit's id.")]
OfficialId = Annotated[int, typer.Option(help="The official's id.")]
Topic = Annotated[str, typer.Option(help="The topic.")]
Purpose = Annotated[str, typer.Option(help="The purpose.")]
P = ParamSpec("P")

OPERATOR = Principal(id=0, name="operator", clearance=0, countries=frozenset({"MX"}),
                     roles=frozenset({"liaison"}))


def _context(db: str | None, who: str, rules_file: Path | None) -> tuple[Store, Principal, Rules]:
    store = open_store(db)
    return store, store.principal(who), load_rules(rules_file)


def _day(text: str | None, rules: Rules, what: str = "date") -> date:
    return parse_date(text, what) if text else local_date(utcnow(), rules)


def _time(text: str | None, rules: Rules, what: str = "time") -> datetime:
    return parse_local_time(text, rules, what) if text else utcnow()


def _done(message: str) -> None:
    console.print(message, highlight=False)


def _records(app: typer.Typer, name: str) -> Callable[[Callable[P, str]], Callable[P, None]]:
    """Register command ``name`` of ``app``: it prints as one line the message it returns,
    and an EnlaceError as one line of advice with exit code 1 (``friendly``)."""

    def register(step: Callable[P, str]) -> Callable[P, None]:
        @functools.wraps(step)
        def command(*args: P.args, **kwargs: P.kwargs) -> None:
            _done(step(*args, **kwargs))

        recorded = friendly(command)
        app.command(name)(recorded)
        return recorded

    return register


# -- status and report ------------------------------------------------------------------


def _table(duties: list[Duty]) -> Table:
    table = Table("agency", "state", "rule", "article", "subject", "duty", "due", "days",
                  title="Compliance duties")
    for d in duties:
        style = {"overdue": "bold red", "breach": "bold red", "long_wait": "yellow",
                 "due_soon": "yellow"}.get(d.state, "")
        table.add_row(d.agency, d.state.replace("_", " "), d.rule, d.article, d.subject, d.duty,
                      d.due.isoformat() if d.due else "", "" if d.days is None else str(d.days),
                      style=style)
    return table


def _summary(duties: list[Duty]) -> Table:
    counts = Counter((d.agency, d.state) for d in duties)
    table = Table("agency", "overdue", "breach", "due soon", "long wait", title="By agency")
    for agency in sorted({d.agency for d in duties}):
        table.add_row(agency, *(str(counts[(agency, s)]) for s in
                                ("overdue", "breach", "due_soon", "long_wait")))
    return table


@compliance_app.command("status")
@friendly
def status_command(
    today: Annotated[str | None, typer.Option(
        help="The Mexico City date to judge deadlines on (YYYY-MM-DD); default today.")] = None,
    as_user: Annotated[str | None, typer.Option(
        "--as", help="The officer asking; handover obligations need a compliance officer. "
                     "Without it, the operator sees the registry but no obligations.")] = None,
    everything: Annotated[bool, typer.Option(
        "--all", help="Also list duties that are open, met or late.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    rules_file: RulesOption = None,
    db: DbOption = None,
) -> None:
    """What is overdue, due soon or in breach, by agency."""
    store, rules = open_store(db), load_rules(rules_file)
    who = store.principal(as_user) if as_user else OPERATOR
    create_obligations(store, None, rules)
    duties = status(store, who, _day(today, rules, "--today"), rules, everything)
    if as_json:
        for duty in duties:
            emit(duty.to_dict())
        return
    if not duties:
        _done("Nothing overdue or due soon.")
        return
    console.print(_table(duties))
    console.print(_summary(duties))


@compliance_app.command("report")
@friendly
def report_command(
    month: Month,
    as_user: As,
    agent: Annotated[int | None, typer.Option(help="One agent's report (agent id).")] = None,
    embassy: Annotated[str | None, typer.Option(
        help="One embassy's report (sending state, e.g. US).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md, pdf or json.")] = "md",
    output: Annotated[Path | None, typer.Option(
        help="Write to this file (default: stdout; a PDF needs --output).")] = None,
    rules_file: RulesOption = None,
    db: DbOption = None,
) -> None:
    """Generate the monthly report (LSN 71-V) from the records."""
    if fmt not in render.FORMATS:
        raise InvalidData(f"unknown format {fmt!r}: use md, pdf or json")
    if fmt == "pdf" and output is None:
        raise InvalidData("a PDF goes to a file: add --output PATH")
    store, who, rules = _context(db, as_user, rules_file)
    data = render.render(monthly.build(store, who, month, agent, embassy, rules), fmt)
    if output is None:
        sys.stdout.write(data.decode())
        return
    output.write_bytes(data)
    _done(f"Wrote {output}")


@_records(filing_app, "add")
def filing_add(
    month: Month,
    filed: Annotated[str, typer.Option(help="When it was filed (YYYY-MM-DDTHH:MM).")],
    to: Recipients,
    as_user: As,
    agent: Annotated[int | None, typer.Option(help="The agent who filed.")] = None,
    embassy: Annotated[str | None, typer.Option(help="The embassy that filed.")] = None,
    rules_file: RulesOption = None,
    db: DbOption = None,
) -> str:
    """Record that a monthly report was filed."""
    store, who, rules = _context(db, as_user, rules_file)
    found = monthly.record_filing(store, who, month, _time(filed, rules, "--filed"), to, agent,
                                  embassy, rules)
    return f"Recorded filing {found}"


# -- registry ---------------------------------------------------------------------------


@_records(agreement_app, "add")
def agreement_add(
    code: Annotated[str, typer.Argument(help="Short code, e.g. MX-US-1999.")],
    title: Annotated[str, typer.Option(help="The agreement's name.")],
    country: Annotated[str, typer.Option(help="The sending state, e.g. US.")],
    agency: Annotated[list[str], typer.Option(help="A foreign agency it covers; repeat.")],
    authority: Annotated[str, typer.Option(help="The Mexican agency that receives "
                                                "intelligence (LSN 71-IV), e.g. FGR.")],
    as_user: As,
    channel: Annotated[list[str] | None, typer.Option(
        help="A Mexican body agents may deal with (LSN 71-III); repeat.")] = None,
    db: DbOption = None,
) -> str:
    """Record a cooperation agreement."""
    store, who, _ = _context(db, as_user, None)
    registry.add_agreement(store, who, code, title, country, agency, authority, channel or [])
    return f"Added agreement {code.upper()}"


@_records(agent_app, "add")
def agent_add(
    name: Annotated[str, typer.Argument(help="The agent's full name.")],
    agency: Annotated[str, typer.Option(help="Their (foreign) enlace agency, e.g. DEA.")],
    nationality: Annotated[str, typer.Option(help="Country code, e.g. US.")],
    as_user: As,
    user: Annotated[str | None, typer.Option(help="Their enlace user, if any.")] = None,
    birth_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    db: DbOption = None,
) -> str:
    """Register a foreign agent."""
    store, who, _ = _context(db, as_user, None)
    born = parse_date(birth_date, "--birth-date") if birth_date else None
    found = registry.add_agent(store, who, name, agency, nationality, user, born)
    return f"Added agent {found}"


@agent_app.command("list")
@friendly
def agent_list(as_user: As, db: DbOption = None) -> None:
    """List the agents you may follow, as JSON lines."""
    store, who, _ = _context(db, as_user, None)
    for row in registry.agents(store, who):
        emit(row)


@_records(official_app, "add")
def official_add(
    name: Annotated[str, typer.Argument(help="The official's full name.")],
    level: Annotated[str, typer.Option(help="federal, state, municipal or borough.")],
    body: Annotated[str, typer.Option(help="Their body's code, e.g. SRE or SSP-TAMPS.")],
    as_user: As,
    place: Annotated[str | None, typer.Option(help="State or municipality.")] = None,
    designated: Annotated[bool, typer.Option(
        help="Designated by the GANS to approve urgent meetings.")] = False,
    user: Annotated[str | None, typer.Option(help="Their enlace user, if any.")] = None,
    db: DbOption = None,
) -> str:
    """Register a Mexican official."""
    store, who, _ = _context(db, as_user, None)
    found = registry.add_official(store, who, name, level, body, place, designated, user)
    return f"Added official {found}"


# -- accreditations ---------------------------------------------------------------------


@_records(accreditation_app, "request")
def accreditation_request(
    agent: AgentId,
    agreement: Annotated[str, typer.Option(help="The agreement it is under.")],
    territory: Annotated[str, typer.Option(help="Where they would work.")],
    as_user: As, on: On = None, rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record a request for accreditation."""
    store, who, rules = _context(db, as_user, rules_file)
    found = accreditation.request(store, who, agent, agreement, territory, _day(on, rules))
    return f"Recorded accreditation request {found}"


@_records(accreditation_app, "review")
def accreditation_review(
    accreditation_id: AccreditationId,
    as_user: As,
    agreed: Annotated[list[str] | None, typer.Option(
        help="A body that agreed (SSPC, SEDENA, SEMAR); repeat.")] = None,
    on: On = None, rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Put a request under review and record the bodies that agreed."""
    store, who, rules = _context(db, as_user, rules_file)
    accreditation.review(store, who, accreditation_id, _day(on, rules), agreed or [], rules)
    return f"Accreditation {accreditation_id} under review"


@_records(accreditation_app, "grant")
def accreditation_grant(
    accreditation_id: AccreditationId,
    until: Annotated[str, typer.Option(help="Last valid day, YYYY-MM-DD.")],
    as_user: As,
    territory: Annotated[str | None, typer.Option(help="The territory the SRE set.")] = None,
    on: On = None, rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record the SRE's accreditation."""
    store, who, rules = _context(db, as_user, rules_file)
    accreditation.grant(store, who, accreditation_id, _day(on, rules),
                        parse_date(until, "--until"), territory, rules)
    return f"Accreditation {accreditation_id} granted"


def _end(how: str, accreditation_id: int, as_user: str, reason: str, on: str | None,
         rules_file: Path | None, db: str | None) -> str:
    store, who, rules = _context(db, as_user, rules_file)
    accreditation.end(store, who, accreditation_id, how, _day(on, rules), reason, rules)
    return f"Accreditation {accreditation_id} {how}"


@_records(accreditation_app, "withdraw")
def accreditation_withdraw(
    accreditation_id: AccreditationId,
    as_user: As, reason: Reason, on: On = None, rules_file: RulesOption = None,
    db: DbOption = None,
) -> str:
    """Record a withdrawal (by the sending state or the SRE)."""
    return _end("withdrawn", accreditation_id, as_user, reason, on, rules_file, db)


@_records(accreditation_app, "recall")
def accreditation_recall(
    accreditation_id: AccreditationId,
    as_user: As, reason: Reason, on: On = None, rules_file: RulesOption = None,
    db: DbOption = None,
) -> str:
    """Record Mexico's request that the sending state recall the agent (LSN 73)."""
    return _end("recalled", accreditation_id, as_user, reason, on, rules_file, db)


# -- permits ----------------------------------------------------------------------------


@_records(permit_app, "apply")
def permit_apply(
    agent: AgentId,
    weapon: Annotated[str, typer.Option(help="revolver or semi-automatic pistol.")],
    calibre: Annotated[str, typer.Option(help="e.g. .40 or 9mm.")],
    site: Annotated[str, typer.Option(help="Where the agent is assigned.")],
    assignment_start: Annotated[str, typer.Option(help="First day of the assignment.")],
    applicant: Annotated[str, typer.Option(help="SEGOB, SHCP or SRE.")],
    as_user: As,
    serial: Annotated[str | None, typer.Option(help="The weapon's serial number.")] = None,
    on: On = None, rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record an application to SEDENA for a firearm permit."""
    store, who, rules = _context(db, as_user, rules_file)
    found = permit.apply(store, who, agent, weapon, calibre, site,
                         parse_date(assignment_start, "--assignment-start"), _day(on, rules),
                         applicant, serial, rules)
    return f"Recorded permit application {found}"


def _extend(step: Callable[[Store, Principal, int, date, Rules], date], how: str,
            permit_id: int, as_user: str, on: str | None, rules_file: Path | None,
            db: str | None) -> str:
    store, who, rules = _context(db, as_user, rules_file)
    last = step(store, who, permit_id, _day(on, rules), rules)
    return f"Permit {permit_id} {how}, valid until {last}"


@_records(permit_app, "grant")
def permit_grant(permit_id: PermitId, as_user: As, on: On = None,
                 rules_file: RulesOption = None, db: DbOption = None) -> str:
    """Record SEDENA's authorisation."""
    return _extend(permit.grant, "granted", permit_id, as_user, on, rules_file, db)


@_records(permit_app, "renew")
def permit_renew(permit_id: PermitId, as_user: As, on: On = None,
                 rules_file: RulesOption = None, db: DbOption = None) -> str:
    """Record a renewal for another period."""
    return _extend(permit.renew, "renewed", permit_id, as_user, on, rules_file, db)


@_records(permit_app, "notify")
def permit_notify(
    permit_id: PermitId,
    change: Annotated[str, typer.Option(help="site (a new site) or end (of the assignment).")],
    as_user: As,
    site: Annotated[str | None, typer.Option(help="The new site.")] = None,
    on: On = None, rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record a notified change of site or end of assignment."""
    store, who, rules = _context(db, as_user, rules_file)
    permit.notify(store, who, permit_id, change, _day(on, rules), site, rules)
    return f"Permit {permit_id}: {change} notified"


# -- meetings and contacts --------------------------------------------------------------


@_records(meeting_app, "request")
def meeting_request(
    agent: AgentId,
    official: OfficialId,
    at: Annotated[str, typer.Option(help="When it would take place (YYYY-MM-DDTHH:MM).")],
    topic: Topic,
    purpose: Purpose,
    as_user: As,
    requested: Annotated[str | None, typer.Option(help="When it was requested; default now.")]
    = None,
    rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record a request to the GANS for a meeting."""
    store, who, rules = _context(db, as_user, rules_file)
    found = meeting.request(store, who, agent, official, _time(at, rules, "--at"), topic,
                            purpose, _time(requested, rules, "--requested"))
    return f"Recorded meeting request {found}"


@_records(meeting_app, "approve")
def meeting_approve(
    meeting_id: Annotated[int, typer.Argument(help="The meeting request's id.")],
    by: Annotated[str, typer.Option(help="GANS, or a designated official's id with --urgent.")],
    as_user: As,
    sre_official: Annotated[str | None, typer.Option(
        help="The SRE official who will attend.")] = None,
    urgent: Annotated[bool, typer.Option(help="An urgent approval.")] = False,
    at: Annotated[str | None, typer.Option(help="When it was approved; default now.")] = None,
    rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record a meeting's approval."""
    store, who, rules = _context(db, as_user, rules_file)
    meeting.approve(store, who, meeting_id, by, sre_official, urgent, _time(at, rules, "--at"),
                    rules)
    return f"Meeting {meeting_id} approved"


@_records(contact_app, "add")
def contact_add(
    agent: AgentId,
    official: OfficialId,
    kind: Annotated[str, typer.Option(help="meeting, exchange, call or message.")],
    at: Annotated[str, typer.Option(help="When it happened (YYYY-MM-DDTHH:MM).")],
    topic: Topic,
    purpose: Purpose,
    as_user: As,
    meeting_id: Annotated[int | None, typer.Option(
        "--meeting", help="The approved meeting request (for a meeting).")] = None,
    sre_official: Annotated[str | None, typer.Option(help="The SRE official present.")] = None,
    rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record a contact between an official and an agent."""
    store, who, rules = _context(db, as_user, rules_file)
    found = contact.add(store, who, agent, official, kind, _time(at, rules, "--at"), topic,
                        purpose, meeting_id, sre_official, rules)
    return f"Recorded contact {found}"


@_records(contact_app, "report")
def contact_report(
    contact_id: Annotated[int, typer.Argument(help="The contact's id.")],
    filed: Annotated[str, typer.Option(help="When the report was filed (YYYY-MM-DDTHH:MM).")],
    to: Recipients,
    as_user: As, rules_file: RulesOption = None, db: DbOption = None,
) -> str:
    """Record the official's written report on a contact."""
    store, who, rules = _context(db, as_user, rules_file)
    found = contact.report(store, who, contact_id, _time(filed, rules, "--filed"), to, rules)
    return f"Recorded report {found} on contact {contact_id}"
