"""Badge layouts are data: one TOML file per layout in resources/layouts (page, grid, margins,
badge box, element boxes in millimetres). Adding a layout needs no code."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _, language
from kosi_checkin.paths import resource_path

BAND_BY = ("category", "sector")  # what a badge's colour band shows

DEFAULT_LAYOUT = "a4-8up-90x55"


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # from the badge's top edge, mm
    width: float
    height: float
    max_size: float = 12  # font size range in pt
    min_size: float = 6


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    page: tuple[float, float]
    badge: tuple[float, float]
    grid: tuple[int, int]
    origin: tuple[float, float]
    gap: tuple[float, float]
    cut_marks: bool
    band_height: float
    qr: tuple[float, float, float]  # x, y, size (mm)
    name_box: Box
    organisation_box: Box
    event_box: Box
    product: str = ""  # the paper to buy, with its article number
    band_inset: float = 0  # mm kept free around the band (rounded label corners)
    back: str = "duplex"  # "duplex": next page, mirrored; "fold": below the front, upside down; "none"
    programme_box: Box = Box(4, 4, 82, 47, 10, 5)  # the back side's personal programme
    logo_box: Box | None = None  # where the event's logo goes, if the event has one
    english: tuple[str, str] = ("", "")  # title and product in English (the TOML's ``en`` table)

    def title_in(self, lang: str | None = None) -> str:
        """The title in the UI's language (German: ``title``; English: ``en.title``)."""
        return self.english[0] if (lang or language()) == "en" and self.english[0] else self.title

    def product_in(self, lang: str | None = None) -> str:
        return self.english[1] if (lang or language()) == "en" and self.english[1] else self.product

    @property
    def per_page(self) -> int:
        return self.grid[0] * self.grid[1]

    @property
    def slot_height(self) -> float:
        """Height of one grid cell: a fold-over badge takes its front and its back."""
        return self.badge[1] * (2 if self.back == "fold" else 1)

    def badge_origin(self, slot: int) -> tuple[float, float]:
        """Top-left corner (mm from the page's top-left) of the badge in ``slot`` (row by row)."""
        column, row = slot % self.grid[0], slot // self.grid[0]
        return (self.origin[0] + column * (self.badge[0] + self.gap[0]),
                self.origin[1] + row * (self.slot_height + self.gap[1]))

    def back_origin(self, slot: int) -> tuple[float, float]:
        """Top-left corner of the back of the badge in ``slot``: for duplex on the next page,
        mirrored about the page's vertical middle (long-edge binding); for fold-over just below
        the front (drawn upside down so that both sides read upright once folded)."""
        x, y = self.badge_origin(slot)
        if self.back == "fold":
            return x, y + self.badge[1]
        return self.page[0] - x - self.badge[0], y


def layouts_dir() -> Path:
    return resource_path("layouts")


def _box(data: dict[str, float]) -> Box:
    return Box(float(data["x"]), float(data["y"]), float(data["width"]), float(data["height"]),
               float(data.get("max_size", 12)), float(data.get("min_size", 6)))


def _default_programme(data: dict[str, list[float]]) -> Box:
    """Without a ``programme`` element the back side uses the badge less a 4 mm margin."""
    width, height = float(data["badge"][0]), float(data["badge"][1])
    return Box(4, 4, width - 8, height - 8, 10, 5)


def load_layout_file(path: Path) -> Layout:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        elements = data["elements"]
        qr = elements["qr"]
        layout = Layout(
            name=str(data.get("name", path.stem)), title=str(data.get("title", path.stem)),
            english=(str(data.get("en", {}).get("title", "")), str(data.get("en", {}).get("product", ""))),
            page=(float(data["page"][0]), float(data["page"][1])),
            badge=(float(data["badge"][0]), float(data["badge"][1])),
            grid=(int(data["grid"][0]), int(data["grid"][1])),
            origin=(float(data["origin"][0]), float(data["origin"][1])),
            gap=(float(data.get("gap", [0, 0])[0]), float(data.get("gap", [0, 0])[1])),
            cut_marks=bool(data.get("cut_marks", False)),
            band_height=float(elements.get("band", {}).get("height", 0)),
            qr=(float(qr["x"]), float(qr["y"]), float(qr["size"])),
            name_box=_box(elements["name"]), organisation_box=_box(elements["organisation"]),
            event_box=_box(elements["event"]),
            product=str(data.get("product", "")),
            band_inset=float(elements.get("band", {}).get("inset", 0)),
            back=str(data.get("back", "duplex")),
            programme_box=_box(elements["programme"]) if "programme" in elements else _default_programme(data),
            logo_box=_box(elements["logo"]) if "logo" in elements else None,
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, IndexError, TypeError, ValueError) as exc:
        raise UsageError(_("The badge layout {path} cannot be read: {reason}").format(path=path, reason=exc)) from exc
    if layout.back not in ("duplex", "fold", "none"):
        raise UsageError(_("The badge layout {path} has back = {back!r}; use \"duplex\", \"fold\" or \"none\".").format(
            path=path, back=layout.back))
    if layout.qr[2] < 18:
        raise UsageError(_("The badge layout {path} makes the QR code smaller than 18 mm.").format(path=path))
    return layout


def all_layouts() -> list[Layout]:
    return [load_layout_file(p) for p in sorted(layouts_dir().glob("*.toml"))]


def layout_named(name: str) -> Layout:
    candidate = Path(name)
    if candidate.suffix == ".toml" and candidate.is_file():
        return load_layout_file(candidate)
    for layout in all_layouts():
        if layout.name == name:
            return layout
    raise UsageError(_("There is no badge layout {name!r}; the layouts are: {names}.").format(
        name=name, names=", ".join(l.name for l in all_layouts())))
