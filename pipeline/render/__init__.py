"""Records -> the standard 项目绩效目标表 as .docx (docxtpl) and .pdf (LibreOffice).

    render_docx(record, path)                       one .docx from templates/standard_form.docx
    render_batch(records, out_dir, pdf=False)       one .docx per record (+ its PDF), named after
                                                    主管部门 and 项目名称, no collisions
    docx_to_pdf(paths, out_dir, profile_dir)        PDFs through one long-lived LibreOffice per worker
    stop_converters()                               end the LibreOffice processes of this process
    jixiao render RECORDS.json --out DIR [--pdf]

Modules: docx.py (presentation, docxtpl, merges), names.py (output names), convert.py
(LibreOffice: the long-lived converter, `soffice --convert-to` batches, the errors),
unoworker.py (run by LibreOffice's own Python), batch.py, cli.py.
"""

from __future__ import annotations

from ..settings import ROOT
from .batch import RenderedForm, load_records, render_batch
from .cli import add_cli, cmd_render
from .convert import (
    Converter,
    ConverterUnavailable,
    PdfConversionError,
    converter_kind,
    default_profile_dir,
    docx_to_pdf,
    soffice_env,
    stop_converters,
)
from .docx import (
    ANNUAL_GOAL_LABEL,
    ANNUAL_GOAL_LABEL_NO_YEAR,
    BUDGET_LABEL,
    BUDGET_LABEL_NO_YEAR,
    TEMPLATE,
    context,
    indicator_rows,
    render_docx,
    show,
    show_amount,
    show_year,
)
from .names import DEFAULT_NAME, form_name, safe_stem, unique_names

__all__ = [
    "ANNUAL_GOAL_LABEL", "ANNUAL_GOAL_LABEL_NO_YEAR", "BUDGET_LABEL", "BUDGET_LABEL_NO_YEAR", "DEFAULT_NAME", "ROOT",
    "TEMPLATE", "Converter", "ConverterUnavailable", "PdfConversionError", "RenderedForm", "add_cli", "cmd_render",
    "context", "converter_kind", "default_profile_dir", "docx_to_pdf", "form_name", "indicator_rows",
    "load_records", "render_batch", "render_docx", "safe_stem", "show", "show_amount", "show_year", "soffice_env",
    "stop_converters", "unique_names",
]
