"""Scans of the fixture forms: the LibreOffice PDF of a formgen .docx, rendered by PDFium at
a scanner's resolution, turned slightly, with grain, saved as an image-only PDF or a PNG.

    pdf = pdf_of(docx, out_dir)                          # LibreOffice's PDF of the .docx
    pages = scan(pdf, dpi=150, angle=1.0, noise=8)       # PIL images, as a scanner gives them
    write_image_pdf(pages, path, dpi)                    # no text layer: OCR must read it
    blur_digit(pages[0], pdf, "480,000.00", 1, dpi)      # one digit of a value smudged
    stamp(img, seed) / photo(img, seed) / jpeg(img, 30)  # a red seal over it, a phone photo, JPEG
    write_tiff(pages, path, dpi)                         # a multi-page TIFF
    centre_merged(docx)                                  # every merged cell centred on its rows
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


def pdf_of(docx: Path, out_dir: Path) -> Path:
    profile = out_dir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx)], check=True, capture_output=True, timeout=180)
    pdf = out_dir / f"{docx.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice made no PDF of {docx.name}"
    return pdf


def scan(pdf: Path, dpi: int, angle: float = 0.0, noise: float = 0.0, seed: int = 0) -> list:
    """Each page as a scanner would give it: `dpi`, turned `angle` degrees, Gaussian grain of sd `noise`."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    out = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for page in doc:
            img = page.render(scale=dpi / 72).to_pil().convert("RGB")
            if angle:
                img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
            if noise:
                a = np.asarray(img).astype(np.int16) + rng.normal(0, noise, (img.height, img.width, 1)).astype(np.int16)
                img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
            out.append(img)
    finally:
        doc.close()
    return out


def write_image_pdf(pages: Sequence, path: Path, dpi: int) -> Path:
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=list(pages[1:]))
    return path


def char_boxes(pdf: Path, text: str, page: int = 0) -> list[tuple[float, float, float, float]]:
    """The boxes (left, top, right, bottom in points from the top) of each character of the first `text`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        p = doc[page]
        height = p.get_height()
        tp = p.get_textpage()
        full = tp.get_text_range()
        at = full.find(text)
        assert at >= 0, f"{text!r} not on page {page}"
        boxes = []
        for k in range(at, at + len(text)):
            left, bottom, right, top = tp.get_charbox(k)
            boxes.append((left, height - top, right, height - bottom))
        return boxes
    finally:
        doc.close()


def blur_digit(img, pdf: Path, text: str, index: int, dpi: int, sigma: float = 1.8, noise: float = 40,
               seed: int = 1):
    """`img` with the index-th character of `text` smudged (blurred, with grain), as a bad scan leaves it."""
    import numpy as np
    from PIL import Image, ImageFilter

    left, top, right, bottom = char_boxes(pdf, text)[index]
    k = dpi / 72
    box = (int(left * k) - 1, int(top * k) - 2, int(right * k) + 1, int(bottom * k) + 2)
    region = img.crop(box).filter(ImageFilter.GaussianBlur(sigma))
    a = np.asarray(region).astype(np.int16)
    a = a + np.random.default_rng(seed).normal(0, noise, a.shape).astype(np.int16)
    out = img.copy()
    out.paste(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), box[:2])
    return out


# ------------------------------------------------------------------ what paper and cameras do to a page


def jpeg(img, quality: int):
    """`img` after a round trip through JPEG at `quality` (blocky edges, ringing round strokes)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def stamp(img, seed: int = 0, text: str = "财务专用章", where: tuple[float, float] | None = None):
    """A red round seal (盖章) printed over the page, as on the signed copy: a ring, a star and an
    arc of characters, multiplied onto the ink under it. `where` is its centre (parts of the page's
    width and height); by default somewhere over the upper half of the form, where the header is."""
    import math
    import random

    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    rnd = random.Random(seed)
    w, h = img.size
    r = int(w * 0.085)
    cx, cy = where or (rnd.uniform(0.45, 0.8), rnd.uniform(0.2, 0.5))
    cx, cy = int(cx * w), int(cy * h)
    layer = Image.new("L", (2 * r + 4, 2 * r + 4), 0)
    d = ImageDraw.Draw(layer)
    d.ellipse((2, 2, 2 * r + 2, 2 * r + 2), outline=255, width=max(2, r // 14))
    star = [(r + 2 + (r * 0.28 if k % 2 == 0 else r * 0.11) * math.sin(k * math.pi / 5),
             r + 2 - (r * 0.28 if k % 2 == 0 else r * 0.11) * math.cos(k * math.pi / 5)) for k in range(10)]
    d.polygon(star, fill=255)
    font = ImageFont.truetype(cjk_font(), max(8, r // 4))
    for k, ch in enumerate(text):
        a = math.radians(-70 + 140 * k / max(1, len(text) - 1))
        x, y = r + 2 + 0.72 * r * math.sin(a), r + 2 - 0.72 * r * math.cos(a)
        d.text((x, y), ch, fill=255, font=font, anchor="mm")
    layer = layer.rotate(rnd.uniform(-30, 30), resample=Image.BICUBIC)
    alpha = np.asarray(layer).astype(np.float32) / 255 * rnd.uniform(0.7, 0.9)
    a = np.asarray(img).astype(np.float32)
    x0, y0 = cx - r - 2, cy - r - 2
    region = a[y0:y0 + alpha.shape[0], x0:x0 + alpha.shape[1]]
    al = alpha[:region.shape[0], :region.shape[1], None]
    red = np.array([210, 30, 40], np.float32)
    region[:] = region * (1 - al) + (region * red / 255) * al
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def photo(img, seed: int = 0, tilt: float = 0.03, shade: float = 0.35):
    """A phone photo of the page: a perspective (corners moved by up to `tilt` of the size), light
    falling off across the sheet (down to 1 - `shade` of full), a slight blur and grain."""
    import cv2
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    a = np.asarray(img)
    h, w = a.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + rng.uniform(-tilt, tilt, (4, 2)).astype(np.float32) * np.float32([w, h])
    dst = np.clip(dst, 0, [w, h]).astype(np.float32)
    warped = cv2.warpPerspective(a, cv2.getPerspectiveTransform(src, dst), (w, h), flags=cv2.INTER_LINEAR,
                                 borderValue=(90, 90, 90))
    gx, gy = rng.uniform(-1, 1, 2)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = (gx * (xx / w - 0.5) + gy * (yy / h - 0.5)) + 0.5  # 0..1 across the sheet
    light = 1 - shade * np.clip(ramp, 0, 1)
    lit = warped.astype(np.float32) * light[..., None] * np.float32([1.0, 0.98, 0.93])
    lit = cv2.GaussianBlur(lit, (3, 3), 0.7) + rng.normal(0, 4, lit.shape).astype(np.float32)
    return Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8))


def centre_merged(docx: Path) -> Path:
    """The .docx with every vertically merged cell centred on its rows (w:vAlign center), as
    offices often print 一级/二级 labels."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document(str(docx))
    for table in doc.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            pr = tc.get_or_add_tcPr()
            merge = pr.find(qn("w:vMerge"))
            if merge is not None and merge.get(qn("w:val")) == "restart":
                align = OxmlElement("w:vAlign")
                align.set(qn("w:val"), "center")
                pr.append(align)
    doc.save(str(docx))
    return docx


def write_tiff(pages: Sequence, path: Path, dpi: int) -> Path:
    pages[0].save(path, "TIFF", dpi=(dpi, dpi), compression="tiff_lzw", save_all=True, append_images=list(pages[1:]))
    return path


def cjk_font() -> str:
    for p in ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc"):
        if Path(p).is_file():
            return p
    out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout.split(":")[0]
    return out.strip()
