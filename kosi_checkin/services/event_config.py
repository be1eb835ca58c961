"""Describe an event in TOML: the built-in templates and the organiser's own files."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kosi_checkin.domain.errors import UnreadableFileError, UsageError
from kosi_checkin.domain.model import (
    CERTIFICATE_FIELDS,
    DEFAULT_CATEGORIES,
    CertificateText,
    Event,
    Sector,
    Session,
    SessionGroup,
    SessionId,
)
from kosi_checkin.i18n import _
from kosi_checkin.paths import resource_path

SESSION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def template_names() -> list[str]:
    return sorted(p.stem for p in resource_path("templates").glob("*.toml"))


def load_template(name: str) -> Event:
    path = resource_path("templates", f"{name}.toml")
    if not path.is_file():
        raise UsageError(
            _("Unknown template {name!r}; available: {names}.").format(name=name, names=", ".join(template_names()))
        )
    return load_config(path)


def load_config(path: str | Path) -> Event:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UnreadableFileError(_("File not found: {path}").format(path=path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(_("{path} is not a valid TOML file: {reason}").format(path=path, reason=exc)) from exc
    return event_from_dict(data, source=str(path))


def _fail(source: str, where: str, problem: str) -> UnreadableFileError:
    return UnreadableFileError(_("{source}, {where}: {problem}").format(source=source, where=where, problem=problem))


def event_from_dict(data: dict[str, Any], *, source: str = "TOML") -> Event:
    head = data.get("event")
    if not isinstance(head, dict):
        raise _fail(source, "[event]", _("the table is missing"))
    for key in ("name", "date"):
        if key not in head:
            raise _fail(source, f"[event] {key}", _("required key is missing"))
    day = head["date"]
    if not isinstance(day, date) or isinstance(day, datetime):
        raise _fail(source, "[event] date", _("must be a date such as 2019-04-02"))
    tz_name = str(head.get("timezone", "Europe/Berlin"))
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _fail(source, "[event] timezone", _("unknown time zone {tz!r}").format(tz=tz_name)) from exc

    def moment(value: object, where: str) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        if isinstance(value, time):
            return datetime.combine(day, value, tzinfo=tz)
        raise _fail(source, where, _("must be a time such as 09:30:00 or a date-time"))

    groups = []
    for i, g in enumerate(data.get("groups", []), start=1):
        if "id" not in g:
            raise _fail(source, f"[[groups]] #{i}", _("required key 'id' is missing"))
        groups.append(SessionGroup(str(g["id"]), str(g.get("label", g["id"]))))
    group_ids = {g.id for g in groups}

    sessions: list[Session] = []
    for i, s in enumerate(data.get("sessions", []), start=1):
        where = f"[[sessions]] #{i}"
        for key in ("id", "title"):
            if key not in s:
                raise _fail(source, where, _("required key {key!r} is missing").format(key=key))
        sid = str(s["id"])
        if not SESSION_ID.match(sid):
            raise _fail(source, where, _("session id {id!r} must be lower-case letters, digits and '-'").format(id=sid))
        if any(x.id == sid for x in sessions):
            raise _fail(source, where, _("session id {id!r} is used twice").format(id=sid))
        group = str(s.get("group", ""))
        if group and group not in group_ids:
            raise _fail(source, where, _("group {group!r} is not defined in [[groups]]").format(group=group))
        start, end = moment(s.get("start"), where + " start"), moment(s.get("end"), where + " end")
        if start and end and end <= start:
            raise _fail(source, where, _("the end must be after the start"))
        capacity = s.get("capacity")
        sessions.append(
            Session(
                id=SessionId(sid),
                title=str(s["title"]),
                subtitle=str(s.get("subtitle", "")),
                start=start,
                end=end,
                room=str(s.get("room", "")),
                capacity=int(capacity) if capacity is not None else None,
                registration_required=bool(s.get("registration_required", True)),
                group=group,
                aliases=tuple(str(a) for a in s.get("aliases", [])),
                times_assumed=bool(s.get("times_assumed", False)),
            )
        )
    if not sessions:
        raise _fail(source, "[[sessions]]", _("an event needs at least one session"))
    sectors = tuple(Sector(str(s["name"]), tuple(str(x) for x in s.get("synonyms", [])), str(s.get("label_en", "")))
                    for s in data.get("sectors", []))
    closed = head.get("registration_closed")
    certificate = data.get("certificate", {})
    if not isinstance(certificate, dict):
        raise _fail(source, "[certificate]", _("must be a table"))
    texts = {key: str(certificate.get(key, "")) for key in ("text", "text_en", "signer", "signer_role", "place")}
    for key in ("text", "text_en"):
        problem = text_problem(texts[key])
        if problem:
            raise _fail(source, f"[certificate] {key}", problem)
    categories = tuple(str(c) for c in head.get("categories", DEFAULT_CATEGORIES)) or DEFAULT_CATEGORIES
    return Event(
        name=str(head["name"]),
        subtitle=str(head.get("subtitle", "")),
        date=day,
        venue=str(head.get("venue", "")),
        timezone=tz_name,
        organiser=str(head.get("organiser", "")),
        funder=str(head.get("funder", "")),
        registration_closed=closed if isinstance(closed, date) else None,
        sessions=tuple(sessions),
        groups=tuple(groups),
        sectors=sectors,
        categories=categories,
        allow_day_checkin=bool(head.get("allow_day_checkin", False)),
        certificate=CertificateText(**texts),
    )


def text_problem(text: str) -> str:
    """Why a certificate text cannot be filled in (an unknown {placeholder}, a stray brace), or ""."""
    try:
        text.format_map({key: "" for key in CERTIFICATE_FIELDS})
    except KeyError as exc:
        return _("{{{name}}} is not known; a text may use {fields}.").format(
            name=exc.args[0], fields=", ".join(f"{{{f}}}" for f in CERTIFICATE_FIELDS))
    except (ValueError, IndexError):
        return _("a brace without its pair (write a brace itself twice)")
    return ""


def signature_file(config: str | Path) -> Path | None:
    """The signature image an event description names (``[certificate] signature``, relative to
    the TOML file), or None."""
    config = Path(config)
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    name = str(data.get("certificate", {}).get("signature", "") or "")
    return (config.parent / name) if name else None
