"""A desk's guests: read one by one while it only looks guests up by id (a command's check-in
by id reads its one guest), all at once when anything walks over them (the name search, the
counts, a walk-in added) — from then on a plain dict."""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, MutableMapping, ValuesView

from kosi_checkin.domain.model import Attendee, AttendeeId


class Guests(MutableMapping[AttendeeId, Attendee]):
    def __init__(self, read_all: Callable[[], Iterable[Attendee]], read_one: Callable[[str], Attendee | None]) -> None:
        self._read_all, self._read_one = read_all, read_one
        self._every: dict[AttendeeId, Attendee] | None = None
        self._looked_up: dict[str, Attendee | None] = {}  # before all are read: each id asked once

    def _all(self) -> dict[AttendeeId, Attendee]:
        if self._every is None:
            self._every = {guest.id: guest for guest in self._read_all()}
            self._looked_up.clear()
        return self._every

    @property
    def all_read(self) -> bool:
        return self._every is not None

    def __getitem__(self, key: AttendeeId) -> Attendee:
        if self._every is not None:
            return self._every[key]
        if key not in self._looked_up:
            self._looked_up[key] = self._read_one(key)
        found = self._looked_up[key]
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(AttendeeId(key)) is not None

    def __setitem__(self, key: AttendeeId, guest: Attendee) -> None:
        self._all()[key] = guest

    def __delitem__(self, key: AttendeeId) -> None:
        del self._all()[key]

    def __iter__(self) -> Iterator[AttendeeId]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self) -> KeysView[AttendeeId]:
        return self._all().keys()

    def values(self) -> ValuesView[Attendee]:
        return self._all().values()

    def items(self) -> ItemsView[AttendeeId, Attendee]:
        return self._all().items()
