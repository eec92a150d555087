"""Scans of the fixture forms: the LibreOffice PDF of a formgen .docx, rendered by PDFium at
a scanner's resolution, turned slightly, with grain, saved as an image-only PDF or a PNG.

    pdf = pdf_of(docx, out_dir)                          # LibreOffice's PDF of the .docx
    pages = scan(pdf, dpi=150, angle=1.0, noise=8)       # PIL images, as a scanner gives them
    write_image_pdf(pages, path, dpi)                    # no text layer: OCR must read it
    blur_digit(pages[0], pdf, "480,000.00", 1, dpi)      # one digit of a value smudged
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
