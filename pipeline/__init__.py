"""jixiao: read 项目绩效目标表 forms (.docx, .pdf, .txt) into checked records.

The library has no Prefect imports; `flows/` orchestrates it.
Public entry points: `extract_file`, `extract_paths` (pipeline.extract).
"""

__version__ = "0.1.0"
