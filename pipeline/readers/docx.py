"""Word .docx: `word/document.xml` read straight from the zip with lxml.

python-docx is not used to read: it builds a proxy object per cell and takes ~13 ms
a form; walking the XML once takes well under that. The walk follows `w:body` in
document order:

- a paragraph (`w:p`) becomes a row of one cell with `table=None`; a page break in
  it (`w:br w:type="page"`, or a section break in its `w:pPr`) sets `break_before` on
  the next row, `w:pageBreakBefore` on its own row;
- a table (`w:tbl`) becomes one row per `w:tr` with `table` = its index in the file;
  each real `w:tc` is a `Cell` at its grid column (`w:gridBefore`, `w:gridSpan`
  counted); a vertically merged continuation cell (`w:vMerge` not "restart") is
  emitted empty with `covered=True`, and the cell that starts the merge gets the
  run's length as its `row_span`;
- cell text: its paragraphs joined with "\\n"; `w:tab` -> " ", `w:br`/`w:cr` -> "\\n";
  text in hyperlinks, smart tags, content controls and insertions is kept, deleted
  text (`w:del`, `w:moveFrom`), field codes and the fallback copy of drawings are
  not; a table nested in a cell is flattened into the cell's text.

The file is distrusted: zip members are checked for size and compression ratio
before anything is decompressed, document.xml is read with a bounded read, and the
XML parser resolves no entities, loads no DTD and touches no network; a DOCTYPE
declaring entities is refused outright.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import settings
from ..document import Cell, RawDocument, Row
from ..errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    HostileFile,
    InputError,
    TooLarge,
    corrupt,
    map_exceptions,
)
from ..safety import library_errors
from . import zipguard

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptedPackage", "EncryptionInfo"))
_CHUNK = 1 << 20

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_OFFICE_DOC = re.compile(rb'Type="[^"]*/officeDocument"[^>]*?Target="([^"]+)"|'
                             rb'Target="([^"]+)"[^>]*?Type="[^"]*/officeDocument"')
_DANGEROUS_DTD = re.compile(rb"<!ENTITY|\bSYSTEM\b|\bPUBLIC\b", re.IGNORECASE)


# Word's Insert Symbol with the Symbol font writes <w:sym w:font="Symbol" w:char="F0B3"/> (≥)
_SYMBOL_FONT = {0xB3: "≥", 0xA3: "≤", 0xB9: "≠", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0x3E: ">",
                0x3C: "<", 0x3D: "=", 0x25: "%", 0xBB: "≈"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


class _Tags:
    """Clark-notation tag names for one WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str):
        w = f"{{{ns}}}"
        for name in ("body", "p", "pPr", "r", "t", "tab", "br", "cr", "tbl", "tr", "trPr", "tc", "tcPr",
                     "gridBefore", "gridSpan", "vMerge", "sdt", "sdtContent", "customXml", "moveFrom",
                     "rPr", "pageBreakBefore", "sectPr", "type", "val", "noBreakHyphen", "softHyphen", "sym",
                     "hMerge", "font", "char"):
            setattr(self, name, w + name)
        self.del_ = w + "del"  # `del` is a keyword


_TAGS = {ns: _Tags(ns) for ns in (W_TRANSITIONAL, W_STRICT)}


# ------------------------------------------------------------------ the container


def read(path: Path) -> RawDocument:
    path = Path(path)
    xml = _document_xml(path)
    root = _parse(xml)
    doc = RawDocument(path=str(path), format="docx")
    _Walker(root, doc).run()
    if not any(c.text.strip() for row in doc.rows for c in row.cells):
        raise EmptyFile(f"no text in {path.name}", "Word 文档中没有任何文字")
    return doc


def _document_xml(path: Path) -> bytes:
    limits = settings.get()
    max_bytes = int(limits.max_unzipped_mb * 1024 * 1024)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(CFB_MAGIC):
        _refuse_cfb(path, limits.max_file_mb)
    if not head.startswith(b"PK"):
        raise CorruptFile(f"{path.name} is not a .docx (not a zip archive)",
                          "文件不是有效的 Word (.docx) 文档，可能已损坏或扩展名有误")
    with map_exceptions({library_errors("zipfile"): corrupt(path.name, "Word 文档已损坏（压缩包结构错误），无法打开")}), \
            zipfile.ZipFile(path) as zf:
        name = _check_members(zf, path)
        return _bounded_read(zf, name, max_bytes, path)


def _refuse_cfb(path: Path, max_file_mb: float) -> None:
    """An OLE2 compound file: an encrypted OOXML package, or an old binary .doc."""
    if _contains_any(path, _ENCRYPTION_STREAMS, int(max_file_mb * 1024 * 1024)):
        raise EncryptedFile(f"{path.name} is password protected (encrypted OOXML package)",
                            "Word 文档已加密（有密码保护），请取消密码后重新提交")
    raise CorruptFile(f"{path.name} is an old binary Word .doc (OLE2), not .docx",
                      "文件是旧版 Word (.doc) 格式，请用 Word 另存为 .docx 后重新提交")


def _contains_any(path: Path, needles: tuple[bytes, ...], limit: int) -> bool:
    """Whether the file's first `limit` bytes hold any needle, read a chunk at a time.

    The directory of a compound file can sit anywhere, often at the end."""
    overlap = max(len(n) for n in needles) - 1
    tail = b""
    seen = 0
    with path.open("rb") as fh:
        while seen < limit:
            chunk = fh.read(min(_CHUNK, limit - seen))
            if not chunk:
                return False
            seen += len(chunk)
            window = tail + chunk
            if any(n in window for n in needles):
                return True
            tail = window[-overlap:]
    return False


def _check_members(zf: zipfile.ZipFile, path: Path) -> str:
    """Refuse a zip bomb from the central directory alone; return the main document's name."""
    infos = zipguard.check_members(zf, path, "Word 文档")
    names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "word/document.xml"
    target = _main_part_from_rels(zf, names)
    if target:
        return target
    raise CorruptFile(f"{path.name}: no word/document.xml in the archive (not a Word document)",
                      "压缩包中没有 Word 正文（word/document.xml），不是有效的 .docx 文档")


def _main_part_from_rels(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    if "_rels/.rels" not in names:
        return None
    info = zf.getinfo("_rels/.rels")
    if info.file_size > 1 << 20:
        return None
    m = _REL_OFFICE_DOC.search(zf.read(info))
    if not m:
        return None
    target = (m.group(1) or m.group(2)).decode("utf-8", "replace").lstrip("/")
    target = str(PurePosixPath(target))
    return target if target in names and target.endswith(".xml") else None


def _bounded_read(zf: zipfile.ZipFile, name: str, max_bytes: int, path: Path) -> bytes:
    """Decompress one member, never past max_bytes whatever its header claims."""
    chunks = []
    size = 0
    with zf.open(name) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                mb = max_bytes / (1024 * 1024)
                raise TooLarge(f"{path.name}: {name} expands past {mb:g} MiB",
                               f"Word 正文解压后超过 {mb:g} MiB（疑似压缩炸弹），已拒绝处理")
            chunks.append(chunk)
    return b"".join(chunks)


def _parse(xml: bytes) -> etree._Element:
    dtd = _doctype(xml)
    if dtd is not None and _DANGEROUS_DTD.search(dtd):
        raise HostileFile("document.xml declares entities or an external DTD",
                          "Word 正文含有 XML 实体或外部引用声明（可能是恶意构造的文件），已拒绝处理")
    def bad_xml(e: BaseException) -> InputError:
        if "entit" in str(e).lower():
            return HostileFile(f"document.xml: {e}", "Word 正文含有 XML 实体引用，已拒绝处理")
        return CorruptFile(f"document.xml is not well-formed XML: {e}", "Word 正文 XML 结构损坏，无法读取")

    with map_exceptions({library_errors("lxml"): bad_xml}):
        root = etree.fromstring(xml, _parser())
    dt = root.getroottree().docinfo
    if dt.internalDTD is not None or dt.externalDTD is not None or dt.system_url or dt.public_id:
        raise HostileFile("document.xml carries a DTD", "Word 正文含有 DTD 声明（可能是恶意构造的文件），已拒绝处理")
    return root


def _doctype(xml: bytes) -> bytes | None:
    """The text of a DOCTYPE declaration anywhere in the document (after any comment), or None.

    Word never writes one. UTF-16 is narrowed to bytes first; `find` is memchr-fast."""
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in xml[:4]:
        xml = xml.replace(b"\x00", b"")
    at = xml.find(b"<!DOCTYPE")
    if at < 0:
        return None
    return xml[at: at + (1 << 16)]


# ------------------------------------------------------------------ the body


class _Walker:
    def __init__(self, root: etree._Element, doc: RawDocument):
        ns = etree.QName(root).namespace
        if ns not in _TAGS:
            raise CorruptFile(f"document.xml is not WordprocessingML ({ns})", "文件不是 Word 文档正文")
        self.t = _TAGS[ns]
        self.root = root
        self.doc = doc
        self.n_tables = 0
        self.break_next = False
        self.text_tags = (self.t.p, self.t.t, self.t.tab, self.t.br, self.t.cr, self.t.noBreakHyphen, self.t.sym)

    def run(self) -> None:
        t = self.t
        body = self.root.find(t.body)
        if body is None:
            raise CorruptFile("document.xml has no w:body", "Word 正文结构损坏（缺少正文部分）")
        self.prune(body)
        self.block(body)

    def prune(self, body: etree._Element) -> None:
        """Drop deleted and moved-away text and the fallback copy of alternate content."""
        t = self.t
        keep_markers = (t.rPr, t.trPr, t.pPr)
        for el in list(body.iter(t.del_, t.moveFrom, f"{{{MC}}}Fallback")):
            parent = el.getparent()
            if parent is not None and parent.tag not in keep_markers:
                parent.remove(el)

    # block-level content: paragraphs, tables, and content controls wrapping them
    def block(self, parent: etree._Element) -> None:
        t = self.t
        for el in parent:
            tag = el.tag
            if tag == t.p:
                self.paragraph(el)
            elif tag == t.tbl:
                self.table(el)
            elif tag == t.sdt:
                content = el.find(t.sdtContent)
                if content is not None:
                    self.block(content)
            elif tag == t.customXml:
                self.block(el)

    def paragraph(self, p: etree._Element) -> None:
        t = self.t
        before = False
        after = False
        ppr = p.find(t.pPr)
        if ppr is not None:
            pbb = ppr.find(t.pageBreakBefore)
            if pbb is not None and pbb.get(t.val) not in ("0", "false", "off"):
                before = True
            if ppr.find(t.sectPr) is not None:
                after = True
        parts: list[str] = []
        for el in p.iter(self.text_tags[1:]):
            tag = el.tag
            if tag == t.t:
                if el.text:
                    parts.append(el.text)
            elif tag == t.br:
                if el.get(t.type) == "page":
                    after = True
                else:
                    parts.append("\n")
            elif tag == t.tab:
                parts.append(" ")
            elif tag == t.cr:
                parts.append("\n")
            elif tag == t.sym:
                parts.append(self.symbol(el))
            else:
                parts.append("-")
        text = "".join(parts)
        if text.strip():
            self.doc.rows.append(Row(cells=[Cell(text)], table=None, break_before=self.break_next or before))
            self.break_next = False
        elif before:
            self.break_next = True
        if after:
            self.break_next = True

    def table(self, tbl: etree._Element) -> None:
        index = self.n_tables
        self.n_tables += 1
        first = len(self.doc.rows)
        for r, tr in enumerate(self.rows_of(tbl)):
            cells = self.cells_of(tr)
            self.doc.rows.append(Row(cells=cells, table=index, row=r, break_before=self.break_next))
            self.break_next = False
        _count_row_spans(self.doc.rows[first:])

    def rows_of(self, tbl: etree._Element):
        t = self.t
        for el in tbl:
            tag = el.tag
            if tag == t.tr:
                trpr = el.find(t.trPr)
                if trpr is not None and trpr.find(t.del_) is not None:
                    continue  # a row deleted with track changes on
                yield el
            elif tag in (t.sdt, t.customXml):
                inner = el.find(t.sdtContent) if tag == t.sdt else el
                if inner is not None:
                    yield from self.rows_of(inner)

    def cells_of(self, tr: etree._Element) -> list[Cell]:
        t = self.t
        col = 0
        trpr = tr.find(t.trPr)
        if trpr is not None:
            gb = trpr.find(t.gridBefore)
            if gb is not None:
                col = _int(gb.get(t.val), 0)
        out: list[Cell] = []
        for tc in self.tcs_of(tr):
            span = 1
            continuation = False
            tcpr = tc.find(t.tcPr)
            if tcpr is not None:
                gs = tcpr.find(t.gridSpan)
                if gs is not None:
                    span = max(1, _int(gs.get(t.val), 1))
                vm = tcpr.find(t.vMerge)
                if vm is not None and vm.get(t.val, "continue") != "restart":
                    continuation = True
                hm = tcpr.find(t.hMerge)
                if hm is not None and hm.get(t.val, "continue") != "restart" and out:
                    out[-1].span += span  # legacy horizontal merge: widen the cell on the left
                    col += span
                    continue
            text = "" if continuation else self.cell_text(tc)
            out.append(Cell(text, col=col, span=span, covered=continuation))
            col += span
        return out

    def tcs_of(self, parent: etree._Element):
        t = self.t
        for el in parent:
            tag = el.tag
            if tag == t.tc:
                yield el
            elif tag == t.sdt:
                inner = el.find(t.sdtContent)
                if inner is not None:
                    yield from self.tcs_of(inner)
            elif tag == t.customXml:
                yield from self.tcs_of(el)

    def cell_text(self, tc: etree._Element) -> str:
        """All the cell's paragraphs (nested tables included) joined with newlines."""
        t = self.t
        parts: list[str] = []
        first = True
        for el in tc.iter(self.text_tags):
            tag = el.tag
            if tag == t.t:
                if el.text:
                    parts.append(el.text)
            elif tag == t.p:
                if not first:
                    parts.append("\n")
                first = False
            elif tag == t.tab:
                parts.append(" ")
            elif tag == t.br or tag == t.cr:
                parts.append("\n")
            elif tag == t.sym:
                parts.append(self.symbol(el))
            else:
                parts.append("-")
        return "".join(parts)

    def symbol(self, el: etree._Element) -> str:
        """A w:sym: the Symbol font's operators as Unicode; other symbol fonts (Wingdings) dropped."""
        t = self.t
        try:
            code = int(el.get(t.char) or "", 16)
        except ValueError:
            return ""
        font = (el.get(t.font) or "").lower()
        low = code - 0xF000 if code >= 0xF000 else code
        if font == "symbol":
            return _SYMBOL_FONT.get(low, "")
        if "wingdings" in font or "webdings" in font or code >= 0xF000:
            return ""
        return chr(code) if code >= 0x20 else ""


def _count_row_spans(rows: list[Row]) -> None:
    """Give each cell that starts a vertical merge the number of rows it covers."""
    open_at: dict[int, Cell] = {}  # grid column -> the cell whose merge runs there
    for row in rows:
        seen: set[int] = set()
        for cell in row.cells:
            if cell.col is None:
                continue
            seen.add(cell.col)
            top = open_at.get(cell.col)
            if cell.covered and top is not None:
                top.row_span += 1
            else:
                open_at[cell.col] = cell
        for col in [c for c in open_at if c not in seen]:
            del open_at[col]  # a row without a cell at that column ends the merge


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default
