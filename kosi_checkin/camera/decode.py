"""Find QR codes in a greyscale frame with zxing-cpp (imported lazily: only a desk that uses the
camera pays for it). Frames come as raw 8-bit rows, whatever produced them."""

from __future__ import annotations

from typing import Any


class DecoderUnavailable(RuntimeError):
    """zxing-cpp (or numpy) is not installed."""


def _zxing() -> Any:
    try:
        import zxingcpp
    except ImportError as exc:
        raise DecoderUnavailable(str(exc)) from exc
    return zxingcpp


def decode_grey(data: bytes | memoryview, width: int, height: int, stride: int | None = None) -> list[str]:
    """The texts of the QR codes in an 8-bit greyscale image (``stride`` bytes per row)."""
    try:
        import numpy
    except ImportError as exc:
        raise DecoderUnavailable(str(exc)) from exc
    zxing = _zxing()
    stride = stride or width
    pixels = numpy.frombuffer(data, dtype=numpy.uint8, count=stride * height).reshape(height, stride)[:, :width]
    results = zxing.read_barcodes(pixels, formats=zxing.BarcodeFormat.QRCode, try_rotate=True, try_downscale=True)
    return [r.text for r in results if r.valid and r.text]
