"""A QR code drawn as vector graphics: its dark modules merged into horizontal runs, all in one
path (ReportLab's own QR widget draws one rectangle per module, about five times slower)."""

from __future__ import annotations

import re

from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


DARK, LIGHT = b"\x00", b"\xff"
_DARK_RUN = re.compile(b"\x00+")


def qr_modules(text: str) -> tuple[int, bytes]:
    """(modules per side, one byte per module row by row: 0 dark, 255 light) of the smallest QR
    code for ``text`` (error correction M), without quiet zone. Encoded by zxing-cpp (~0.08 ms;
    the qrcode library tries all eight masks, ~5 ms). Badge codes are upper-case letters and
    digits: alphanumeric mode, the smallest version (the module size a scanner reads at arm's
    length)."""
    try:
        import zxingcpp
    except ImportError:  # a platform without zxing-cpp's wheel: the pure-Python encoder
        return _qrcode_modules(text)
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    picture = code.to_image(scale=1, add_quiet_zones=False)
    image = memoryview(picture)  # type: ignore[arg-type]  # zxing-cpp's Image has the buffer protocol; its stub omits it
    return len(image), image.tobytes()


def _qrcode_modules(text: str) -> tuple[int, bytes]:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text, optimize=0)
    code.make(fit=True)
    matrix = code.get_matrix()
    return len(matrix), b"".join(DARK if dark else LIGHT for row in matrix for dark in row)


_paths: dict[str, tuple[int, str]] = {}  # this process's paths, by code
_fresh: dict[str, tuple[int, str]] = {}  # those made here since ``fresh`` was last asked


def seed(paths: dict[str, tuple[int, str]]) -> None:
    """Paths made before (storage/qr_cache.py): taken as they are."""
    _paths.update(paths)


def fresh() -> dict[str, tuple[int, str]]:
    """The paths made since the last call (to be kept for the next run)."""
    made = dict(_fresh)
    _fresh.clear()
    return made


def module_path(text: str) -> tuple[int, str]:
    """(modules per side, the PDF path of the dark modules) in module units, origin at the
    code's top-left corner, y up: one ``re`` per horizontal run of dark modules, then a fill.
    Integers only, made once per code (a guest's code is stable; ``draw_qr`` places it)."""
    known = _paths.get(text)
    if known is not None:
        return known
    size, pixels = qr_modules(text)
    width = size + 1  # each row ends in a light separator: no run crosses into the next row
    rows = LIGHT.join(pixels[r * size:(r + 1) * size] for r in range(size))
    ops = [f"{start % width} {-(start // width) - 1} {end - start} 1 re"
           for start, end in (m.span() for m in _DARK_RUN.finditer(rows))]
    ops.append("f")
    made = _paths[text] = _fresh[text] = (size, "\n".join(ops))
    return made


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> float:
    """Draw the code with its quiet zone into the square (x, y, size) in points, lower-left
    origin; returns the module size."""
    modules, path = module_path(text)
    module = size / (modules + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, module, x + QUIET_ZONE * module, y + size - QUIET_ZONE * module)
    canvas.addLiteral(path)  # integer module coordinates: one short operator per run of dark modules
    canvas.restoreState()
    return module
