"""Page images for OCR: scanned PDF pages rendered by PDFium, image files decoded by Pillow,
both as RGB numpy arrays, straightened when the scan is slightly rotated.

    for number, rgb in pdf_pages(path, dpi, [0, 1]): ...
    for number, rgb in image_pages(path): ...          # every frame of a multi-page TIFF
    rgb = fit(rgb)                                      # no side over MAX_SIDE pixels (the OCR's own limit)
    rgb = drop_seal(rgb)                                # a red seal (盖章) over the text made paper again
    rgb = unwarp(rgb)                                   # a photo's table, seen at a slant, made square again
    rgb, angle = deskew(rgb)                            # up to settings.ocr_max_skew degrees

Images are distrusted: Pillow refuses a picture whose pixel count passes
`max_image_pixels` (a decompression bomb) before decoding it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ... import settings
from ...errors import CorruptFile, TooLarge

DESKEW_STEP = 0.1  # degrees between the angles tried
DESKEW_WIDTH = 800  # pixels: the skew is measured on a copy this wide (fast, still precise to 0.1°)
MAX_SIDE = 2000  # pixels: the detector shrinks larger pages to this anyway (rapidocr max_side_len)
UNWARP_MIN_AREA = 0.15  # a table's outline covers at least this part of the page to be straightened by
UNWARP_MIN_SLANT = 0.002  # corners off a rectangle by less than this part of the page: left as it is
UNWARP_MAX_SLANT = 0.12  # ... by more than this: not a table seen at a slant (something else), left too
UNWARP_FIT = 0.02  # the outline's polygon follows it within this part of its perimeter
SEAL_CHROMA = 60  # a pixel whose red passes its green and blue by this much is seal ink for sure ...
SEAL_EDGE_CHROMA = 25  # ... and by this much at the seal's edges (ink thinning out), once a seal is found
SEAL_GROW = 2  # pixels round the seal's ink taken with it (JPEG blurs colour over two or more)
SEAL_MIN_SHARE = 0.0005
SEAL_PAPER_LEVEL = 205  # under the seal, red brighter than this (after the gain) is paper: black ink is darker  # part of the page that must be seal ink for sure before any is removed


def pdf_pages(path: Path, dpi: int, numbers: list[int]) -> Iterator[tuple[int, object]]:
    """(1-based page number, RGB array) of the given 0-based pages, rendered at `dpi`."""
    import numpy as np
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise CorruptFile(f"{path.name}: PDFium cannot open it ({e})", "PDF 文件已损坏，无法打开") from None
    try:
        for n in numbers:
            page = pdf[n]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=False)
                img = bitmap.to_pil().convert("RGB")  # BGRx / palette -> RGB, as RapidOCR needs
            finally:
                page.close()
            yield n + 1, np.asarray(img)
    finally:
        pdf.close()


def image_pages(path: Path) -> Iterator[tuple[int, object]]:
    """(1-based frame number, RGB array) of an image file (PNG, JPEG, TIFF, BMP)."""
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    limit = settings.get().max_image_pixels
    Image.MAX_IMAGE_PIXELS = None  # judged below, by our own limit, before decoding
    try:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            for k in range(min(frames, settings.get().max_pdf_pages)):
                im.seek(k)
                w, h = im.size
                if w * h > limit:
                    raise TooLarge(f"{path.name}: {w}x{h} pixels, over {limit}",
                                   f"图片像素过多（{w}×{h}），超过上限 {limit} 像素，已拒绝处理")
                frame = ImageOps.exif_transpose(im) if k == 0 else im  # a phone photo's orientation
                yield k + 1, np.asarray(_white_rgb(frame))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise CorruptFile(f"{path.name}: not a readable image ({type(e).__name__}: {e})",
                          "图片文件已损坏或格式无法识别") from None


def _white_rgb(im):
    """RGB on white: transparency flattened (a transparent PNG would otherwise turn black)."""
    from PIL import Image

    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, rgba).convert("RGB")
    return im.convert("RGB")


def deskew(rgb) -> tuple[object, float]:
    """The image turned upright, and the angle it was turned by (degrees, counter-clockwise).

    The angle that makes the rows of dark pixels sharpest (text lines and ruling lines
    line up with the pixel rows) is found on a small copy, among ±ocr_max_skew."""
    import cv2
    import numpy as np

    limit = settings.get().ocr_max_skew
    if limit <= 0:
        return rgb, 0.0
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    scale = min(1.0, DESKEW_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    steps = round(limit / DESKEW_STEP)
    coarse = [k * DESKEW_STEP * 5 for k in range(-steps // 5, steps // 5 + 1)]
    best = max(coarse, key=sharpness)
    fine = [best + k * DESKEW_STEP for k in range(-5, 6) if abs(best + k * DESKEW_STEP) <= limit]
    best = max(fine, key=sharpness)
    if abs(best) < DESKEW_STEP / 2:
        return rgb, 0.0
    H, W = rgb.shape[:2]
    m = cv2.getRotationMatrix2D((W / 2, H / 2), best, 1.0)
    straight = cv2.warpAffine(rgb, m, (W, H), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    return straight, best


def fit(rgb):
    """A page larger than MAX_SIDE on its long side (a 300 dpi scan) shrunk to it: the recognition
    sees no more (RapidOCR shrinks it so itself), and deskewing, unwarping and the grid cost less."""
    import cv2

    h, w = rgb.shape[:2]
    if max(h, w) <= MAX_SIDE:
        return rgb
    k = MAX_SIDE / max(h, w)
    return cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)


def drop_seal(rgb):
    """The page with a red seal (盖章, 财务专用章) printed over it turned back into paper, keeping the
    black text under it: seal ink is red, so the red channel sees through it (black text stays black
    in every channel). Seal pixels take their red channel, brightened so the seal on bare paper is
    white again (the gain: paper's red over the seal's), and anything brighter than
    `SEAL_PAPER_LEVEL` white (the seal's ink is thicker in places). A page without red ink comes back as it is."""
    import numpy as np

    a = np.asarray(rgb)
    if a.ndim != 3 or a.shape[2] < 3:
        return rgb
    r = a[..., 0].astype(np.int16)
    gb = np.maximum(a[..., 1], a[..., 2]).astype(np.int16)
    chroma = r - gb
    sure = chroma > SEAL_CHROMA
    if sure.mean() < SEAL_MIN_SHARE:
        return rgb
    seal = r[sure]
    paper = np.percentile(r[~sure], 90)
    gain = max(1.0, float(paper) / max(1.0, float(np.median(seal))))
    import cv2

    # the seal's edges, and the pixels round them a JPEG's coarse colour left grey-pink
    edge = cv2.dilate((chroma > SEAL_EDGE_CHROMA).astype(np.uint8), np.ones((3, 3), np.uint8),
                      iterations=SEAL_GROW).astype(bool)
    out = a.copy()
    seen = r[edge] * gain
    out[edge] = np.where(seen > SEAL_PAPER_LEVEL, 255, np.clip(seen, 0, 255)).astype(np.uint8)[:, None]
    return out


def unwarp(rgb):
    """A photographed page: the largest ruled table's outline, a quadrilateral when the camera was
    not square to the sheet, mapped back to a rectangle (the whole image is warped with it).

    The outline is the outer contour of the page's long horizontal and vertical strokes (the
    ruling lines); it must be four-cornered, cover UNWARP_MIN_AREA of the page, and be off a
    rectangle by UNWARP_MIN_SLANT .. UNWARP_MAX_SLANT of the page's size. A scan (square
    already) or a page without a ruled table comes back as it is."""
    import cv2
    import numpy as np

    a = np.asarray(rgb)
    H, W = a.shape[:2]
    gray = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, W // 30), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, H // 40))))
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return rgb
    outline = max(contours, key=cv2.contourArea)
    if cv2.contourArea(outline) < UNWARP_MIN_AREA * H * W:
        return rgb
    quad = cv2.approxPolyDP(outline, UNWARP_FIT * cv2.arcLength(outline, True), True)
    if len(quad) != 4:
        return rgb
    pts = quad.reshape(4, 2).astype(np.float32)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    tl, br, tr, bl = pts[np.argmin(s)], pts[np.argmax(s)], pts[np.argmin(d)], pts[np.argmax(d)]
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    x0, y0 = float(min(tl[0], bl[0])), float(min(tl[1], tr[1]))
    square = np.float32([[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height]])
    src = np.float32([tl, tr, br, bl])
    off = float(np.abs(src - square).max()) / max(H, W)
    if not UNWARP_MIN_SLANT <= off <= UNWARP_MAX_SLANT:
        return rgb
    m = cv2.getPerspectiveTransform(src, square)
    return cv2.warpPerspective(a, m, (W, H), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
