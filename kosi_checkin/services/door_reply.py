"""The reply of a door command (`checkin`, `undo`): what it prints and its exit code, as data that
crosses the hand-over socket. Light on purpose: a command through the app imports only this."""

from __future__ import annotations

from kosi_checkin.domain.values import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Reply:
    exit: int
    json: dict[str, Any] | None = None
    out: list[str] = field(default_factory=list)  # the text format's lines on standard output
    err: list[str] = field(default_factory=list)  # lines on standard error

    def to_wire(self) -> dict[str, Any]:
        return {"exit": self.exit, "json": self.json, "out": self.out, "err": self.err}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Reply:
        return cls(int(data["exit"]), data.get("json"), list(data.get("out") or []), list(data.get("err") or []))
